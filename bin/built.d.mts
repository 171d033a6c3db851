/** Types of bin/built.mjs, for the tests that use it. */
export function staleness(projectRoot: string): string | undefined
export function importBuilt(name: 'main' | 'start'): Promise<Record<string, unknown>>
