/**
 * The settings dialog's working copy: the form, pending secret changes, and messages per field.
 * Nothing reaches the host until every field is valid; the host's own refusals land on the field
 * they name. The sections reach the draft through `useSettingsDraft()`.
 */
import { inject, provide, reactive, ref, watch, type InjectionKey } from 'vue'
import { defaultSettings } from '../../../../shared/settings'
import {
  checkForm,
  checkSecret,
  formFromSettings,
  hostErrorToFields,
  type FieldErrors,
  type FieldName,
  type SettingsForm,
} from '../../lib/settings-form'
import { useLayout, type LayoutKind } from '../../composables/layout'
import { hostErrorText } from '../../lib/host-text'
import type { LocalText } from '../../lib/local-text'
import { useSettingsStore } from '../../stores/settings'
import { refusalMessage } from './host-refusal'
import { serverApiKeySaved, tokenScope } from './token-scope'

/** A secret never comes back from the host: `keep` it, `replace` it with `text`, or `clear` it. */
export interface SecretDraft {
  action: 'keep' | 'replace' | 'clear'
  text: string
}

export type SecretName = 'token' | 'apiKey' | 'serverApiKey'

const DRAFT_KEY: InjectionKey<SettingsDraft> = Symbol('settings-draft')

export function createSettingsDraft() {
  const store = useSettingsStore()
  const current = () => store.view?.settings ?? defaultSettings()
  const form = reactive<SettingsForm>(formFromSettings(current()))
  const secrets = reactive<Record<SecretName, SecretDraft>>({ token: blankSecret(), apiKey: blankSecret(), serverApiKey: blankSecret() })
  const errors = ref<FieldErrors>({})
  /** A failure that names no field: the host's words, in the reader's language where it gave a code. */
  const formError = ref<LocalText>()
  /** What just happened, for a line in the dialog: the settings were reset. */
  const note = ref<'reset'>()
  const busy = ref(false)
  /** The window's layout: this device's choice (composables/layout.ts), previewed like the theme. */
  const shownLayout = useLayout()
  const layout = ref<LayoutKind>(shownLayout.saved.value)
  /** After the first Save, messages follow the typing. */
  let attempted = false

  function reload(): void {
    Object.assign(form, formFromSettings(current()))
    secrets.token = blankSecret()
    secrets.apiKey = blankSecret()
    secrets.serverApiKey = blankSecret()
    errors.value = {}
    formError.value = undefined
    note.value = undefined
    layout.value = shownLayout.saved.value
    shownLayout.preview.value = undefined
    attempted = false
    // Opened to fix the token: its field is ready for a new one (Keep takes the saved one back).
    if (store.dialogTarget === 'token' && tokenSaved()) secrets.token = { action: 'replace', text: '' }
    if (store.dialogTarget === 'token' && serverApiKeySaved(store.view, form.serverUrl)) secrets.serverApiKey = { action: 'replace', text: '' }
  }

  /** Whether the saved token applies to the address in the form (a token saved for another server does not). */
  const tokenSaved = (): boolean => tokenScope(store.view, form.serverUrl).saved

  /** A secret is sent when a new value was typed (no saved one yet, or Replace was chosen). */
  const secretToSend = (name: SecretName): string | null | undefined => {
    const draft = secrets[name]
    if (draft.action === 'clear') return null
    const saved = name === 'token' ? tokenSaved() : name === 'serverApiKey' ? serverApiKeySaved(store.view, form.serverUrl) : store.view?.hasCompanionApiKey
    if (draft.action === 'replace' || (!saved && draft.text.trim() !== '')) return draft.text.trim()
    return undefined
  }

  function validate() {
    const check = checkForm(form, current())
    const found: FieldErrors = check.ok ? {} : { ...check.errors }
    for (const name of ['token', 'apiKey', 'serverApiKey'] as const) {
      const value = secretToSend(name)
      const problem = typeof value === 'string' ? checkSecret(name, value) : undefined
      if (problem) found[name] = problem
    }
    errors.value = found
    return check.ok && Object.keys(found).length === 0 ? check.patch : undefined
  }

  watch([form, secrets], () => {
    if (attempted) validate()
  })
  // The theme and the language show at once; Cancel takes them back.
  watch(
    () => form.theme,
    (theme) => (store.previewTheme = theme === current().theme ? undefined : theme),
  )
  watch(
    () => form.language,
    (language) => (store.previewLanguage = language === current().language ? undefined : language),
  )

  watch(layout, (kind) => (shownLayout.preview.value = kind === shownLayout.saved.value ? undefined : kind))
  // Cancel (or Esc) takes the previewed layout back, as the settings store does the theme.
  watch(
    () => store.dialogOpen,
    (open) => {
      if (!open) shownLayout.preview.value = undefined
    },
  )

  async function run(task: () => Promise<void>): Promise<boolean> {
    busy.value = true
    formError.value = undefined
    try {
      await task()
      return true
    } catch (error) {
      // On the field it names: worded by its code, else the schema's own words (the form's checks catch most first).
      const { field, message } = hostErrorToFields(error)
      if (field) errors.value = { ...errors.value, [field]: refusalMessage(error, field, message) }
      else formError.value = hostErrorText(error)
      return false
    } finally {
      busy.value = false
    }
  }

  /** Validates, then sends the secrets and the changed settings. True when all of it was saved. */
  async function save(): Promise<boolean> {
    attempted = true
    note.value = undefined
    const patch = validate()
    if (!patch) return false
    return run(async () => {
      // Secrets first: a switch to a custom server then connects with its token at once. The token is
      // saved for the address in the form, which the settings below then save too.
      const token = secretToSend('token')
      if (token !== undefined) await store.setToken(token, form.serverMode === 'custom' ? form.serverUrl : undefined)
      secrets.token = blankSecret()
      const serverApiKey = secretToSend('serverApiKey')
      if (serverApiKey !== undefined) await store.setServerApiKey(serverApiKey, form.serverMode === 'custom' ? form.serverUrl : undefined)
      secrets.serverApiKey = blankSecret()
      const apiKey = secretToSend('apiKey')
      if (apiKey !== undefined) await store.setCompanionApiKey(apiKey, form.llmBaseUrl.trim() || undefined)
      secrets.apiKey = blankSecret()
      if (Object.keys(patch).length) await store.update(patch)
      shownLayout.saved.value = layout.value
      shownLayout.preview.value = undefined
    })
  }

  async function reset(): Promise<boolean> {
    const done = await run(() => store.reset())
    if (done) {
      reload()
      note.value = 'reset'
    }
    return done
  }

  const draft = { form, secrets, errors, formError, note, busy, layout, reload, save, reset, secretToSend }
  provide(DRAFT_KEY, draft)
  return draft
}

export type SettingsDraft = ReturnType<typeof createSettingsDraft>

export function useSettingsDraft(): SettingsDraft {
  const draft = inject(DRAFT_KEY)
  if (!draft) throw new Error('useSettingsDraft() outside the settings dialog')
  return draft
}

export const fieldId = (name: FieldName): string => `settings-${name}`

function blankSecret(): SecretDraft {
  return { action: 'keep', text: '' }
}
