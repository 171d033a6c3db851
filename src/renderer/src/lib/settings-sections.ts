/** The settings dialog's sections, in the order of its side navigation: user-facing first, developer fields last. */
export const SETTINGS_SECTIONS = ['connection', 'companion', 'voice', 'listening', 'character', 'appearance', 'advanced'] as const
export type SettingsSectionId = (typeof SETTINGS_SECTIONS)[number]

/** Where the dialog opens: a section, the token field (focused), or Test connection (run). */
export type SettingsTarget = 'token' | 'test' | SettingsSectionId

/** The section a target is in. */
export const sectionOf = (target: SettingsTarget | undefined): SettingsSectionId =>
  target === undefined || target === 'token' || target === 'test' ? 'connection' : target
