/** Strings of the scene area. English is the source; ja and ko must have the same keys (checked in i18n/index.ts). */
export const scene = {
  en: {},
  ja: {},
  ko: {},
}
