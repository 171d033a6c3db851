/** `{ [key]: value }`, or nothing when the value is undefined: events carry only what they have. */
export function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V }
}
