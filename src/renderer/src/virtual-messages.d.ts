// The messages with placeholders (or other message syntax) compiled at build time, by locale and key
// path (src/renderer/build/precompiled-messages.ts); i18n/index.ts lays them over the string tables.
declare module 'virtual:mira-messages' {
  const compiled: Record<string, Record<string, unknown>>
  export default compiled
}
