/**
 * Compiles the app's messages at build time (vite plugin), so the renderer ships without vue-i18n's
 * message compiler (`__INTLIFY_DROP_MESSAGE_COMPILER__`). A message with placeholders (or any other
 * message syntax) becomes the syntax tree vue-i18n would otherwise build in the page on first use
 * (its JIT mode): plain data, evaluated by the runtime's formatter, so the strict CSP (no
 * 'unsafe-eval') holds as before. Plain text stays the string it is in the tables, which the
 * compiler-less runtime shows as it is: exactly what compiling it would give. The page imports the
 * compiled ones as `virtual:mira-messages` and lays them over the string tables (i18n/index.ts).
 */
import { baseCompile } from '@intlify/message-compiler'
import { runnerImport, type Plugin } from 'vite'

export const MESSAGES_MODULE = 'virtual:mira-messages'
const RESOLVED = `\0${MESSAGES_MODULE}`

type Tree = { [key: string]: string | Tree }

/** The characters of vue-i18n's message syntax: placeholders, linked messages, plurals (and `%{}`). */
const MESSAGE_SYNTAX = /[{}@|%]/

/** The messages of a tree that need compiling, compiled (same paths); one that does not compile fails the build. */
export function compileTree(tree: Tree, path: string[] = []): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(tree).flatMap(([key, value]): [string, unknown][] => {
      const at = [...path, key]
      if (typeof value !== 'string') return [[key, compileTree(value, at)]]
      if (!MESSAGE_SYNTAX.test(value)) return []
      const errors: string[] = []
      const { ast } = baseCompile(value, { jit: true, minify: true, location: false, onError: (error) => errors.push(error.message) })
      if (errors.length) throw new Error(`message ${at.join('.')} does not compile: ${errors.join('; ')}`)
      return [[key, ast]]
    }),
  )
}

/** `source`: the module exporting `messages` (locale → tree of strings). */
export function precompiledMessages(source: string): Plugin {
  return {
    name: 'mira-precompiled-messages',
    resolveId: (id) => (id === MESSAGES_MODULE ? RESOLVED : undefined),
    async load(id) {
      if (id !== RESOLVED) return undefined
      const { module, dependencies } = await runnerImport<{ messages: Record<string, Tree> }>(source, { configFile: false, logLevel: 'error' })
      for (const file of dependencies) this.addWatchFile(file)
      const compiled = Object.fromEntries(Object.entries(module.messages).map(([locale, tree]) => [locale, compileTree(tree, [locale])]))
      // One JSON string: kept compact by the (unminified) build, and parsed faster than an object literal.
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(compiled))})`
    },
  }
}
