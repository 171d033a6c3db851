/** Strings of the settings area. English is the source; ja and ko must have the same keys (checked in i18n/index.ts). */
export const settings = {
  en: {},
  ja: {},
  ko: {},
}
