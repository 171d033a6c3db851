/** Strings of the chat area. English is the source; ja and ko must have the same keys (checked in i18n/index.ts). */
export const chat = {
  en: {},
  ja: {},
  ko: {},
}
