/**
 * The settings dialog's form: what the fields hold, and their validation with the shared schemas
 * (`settingsPatchSchema`, `settingsSchema`, the `setToken` request) — no rule is written twice.
 * Only the fields that changed go into the patch.
 */
import type { z } from 'zod'
import { HostError, hostCommandSchemas } from '../../../shared/host'
import { settingsPatchSchema, settingsSchema, type Settings, type SettingsPatch } from '../../../shared/settings'
import { messageOf } from '../../../shared/errors'

export interface SettingsForm {
  serverMode: Settings['server']['mode']
  serverUrl: string
  serverKind: Settings['server']['kind']
  /** Seconds in the form, milliseconds in the settings. `v-model` on a number input gives a number or ''. */
  silenceTimeout: number | string
  /** Seconds, like `silenceTimeout`: how long a sent message may wait for its answer to start. */
  startTimeout: number | string
  llmBaseUrl: string
  llmModel: string
  probeOllama: boolean
  ttsVoice: string
  ttsRate: number | string
  agentId: string
  userId: string
  displayName: string
  persona: string
  historyLimit: number | string
  theme: Settings['theme']
  language: Settings['language']
}

export type FieldName = keyof SettingsForm | 'token' | 'apiKey' | 'serverApiKey'
export type FieldErrors = Partial<Record<FieldName, FormMessage>>

export function formFromSettings(settings: Settings): SettingsForm {
  return {
    serverMode: settings.server.mode,
    serverUrl: settings.server.url,
    serverKind: settings.server.kind,
    silenceTimeout: settings.server.silenceTimeoutMs / 1000,
    startTimeout: settings.server.startTimeoutMs / 1000,
    llmBaseUrl: settings.companion.llmBaseUrl,
    llmModel: settings.companion.llmModel,
    probeOllama: settings.companion.probeOllama,
    ttsVoice: settings.companion.ttsVoice,
    ttsRate: settings.companion.ttsRate,
    agentId: settings.agentId,
    userId: settings.userId,
    displayName: settings.displayName,
    persona: settings.persona,
    historyLimit: settings.historyLimit,
    theme: settings.theme,
    language: settings.language,
  }
}

const toNumber = (value: number | string): number => (typeof value === 'number' ? value : value.trim() === '' ? Number.NaN : Number(value))

/** The form as a settings patch, before validation. The address is left out while the built-in server is chosen. */
function rawPatch(form: SettingsForm): Record<string, unknown> {
  return {
    server: {
      mode: form.serverMode,
      ...(form.serverMode === 'custom' ? { url: form.serverUrl, kind: form.serverKind } : {}),
      silenceTimeoutMs: Math.round(toNumber(form.silenceTimeout) * 1000),
      startTimeoutMs: Math.round(toNumber(form.startTimeout) * 1000),
    },
    companion: {
      llmBaseUrl: form.llmBaseUrl,
      llmModel: form.llmModel,
      probeOllama: form.probeOllama,
      ttsVoice: form.ttsVoice,
      ttsRate: toNumber(form.ttsRate),
    },
    agentId: form.agentId,
    userId: form.userId,
    displayName: form.displayName,
    persona: form.persona,
    historyLimit: toNumber(form.historyLimit),
    theme: form.theme,
    language: form.language,
  }
}

const SERVER_FIELDS: Record<string, FieldName> = { url: 'serverUrl', kind: 'serverKind', mode: 'serverMode', silenceTimeoutMs: 'silenceTimeout', startTimeoutMs: 'startTimeout' }

/** Fields shown in seconds where the settings keep milliseconds. */
export const SECONDS_FIELDS: ReadonlySet<FieldName> = new Set(['silenceTimeout', 'startTimeout'])

/** A settings path (`server.url`, `companion.llmModel`, `agentId`) as the form field showing it. */
export function fieldOfPath(path: readonly PropertyKey[]): FieldName | undefined {
  const [head, key] = path.map(String)
  if (head === 'server') return key === undefined ? undefined : SERVER_FIELDS[key]
  const name = head === 'companion' ? key : head
  return name !== undefined && FIELD_NAMES.has(name) ? (name as FieldName) : undefined
}

const FIELD_NAMES = new Set<string>([
  ...(Object.keys(formFromSettings(settingsSchema.parse({}))) as FieldName[]),
  'token',
  'apiKey',
  'serverApiKey',
] satisfies FieldName[])

/** The validation messages' keys (`settings.errors.*`); `other` carries a text the form cannot word itself. */
export type FormMessageKey =
  | 'number'
  | 'min'
  | 'max'
  | 'minSeconds'
  | 'maxSeconds'
  | 'maxChars'
  | 'empty'
  | 'choose'
  | 'httpUrl'
  | 'voiceName'
  | 'modelNeeded'
  | 'urlEmpty'
  | 'urlInvalid'
  | 'urlScheme'
  | 'urlCredentials'
  | 'secretEmpty'
  | 'other'

/** A message for the component to translate: `t(`settings.errors.${key}`, params)`. */
export interface FormMessage {
  key: FormMessageKey
  params?: Record<string, string | number>
}

/** The server address's own checks (`normalizeChatUrl`) say what is wrong in English only: this names the case. */
function serverUrlMessage(text: string, value: string): FormMessage {
  if (/is empty/.test(text)) return { key: 'urlEmpty' }
  if (/must start with/.test(text)) return { key: 'urlScheme', params: { value } }
  if (/token field/.test(text)) return { key: 'urlCredentials' }
  if (/not a valid/.test(text)) return { key: 'urlInvalid', params: { value } }
  return { key: 'other', params: { text } }
}

/** One schema issue in the form's words. Schemas word some messages themselves; the issue's code and bounds say the same. */
function describeIssue(field: FieldName, issue: z.core.$ZodIssue, form: SettingsForm): FormMessage {
  if (field === 'serverUrl' && issue.code === 'custom') return serverUrlMessage(issue.message, form.serverUrl)
  if (field === 'llmBaseUrl') return { key: 'httpUrl', params: { example: 'http://127.0.0.1:11434/v1' } }
  if (field === 'ttsVoice' && issue.code === 'invalid_format') return { key: 'voiceName' }
  if (field === 'llmModel' && issue.code === 'custom') return { key: 'modelNeeded' }
  const seconds = SECONDS_FIELDS.has(field)
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'number') return { key: 'number' }
      break
    case 'too_small':
      if (issue.origin === 'number') return seconds ? { key: 'minSeconds', params: { min: Number(issue.minimum) / 1000 } } : { key: 'min', params: { min: Number(issue.minimum) } }
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return { key: 'empty' }
      break
    case 'too_big':
      if (issue.origin === 'number') return seconds ? { key: 'maxSeconds', params: { max: Number(issue.maximum) / 1000 } } : { key: 'max', params: { max: Number(issue.maximum) } }
      if (issue.origin === 'string') return { key: 'maxChars', params: { max: Number(issue.maximum) } }
      break
    case 'invalid_value':
      return { key: 'choose' }
  }
  return { key: 'other', params: { text: issue.message } }
}

function collect(error: z.ZodError, form: SettingsForm, into: FieldErrors): void {
  for (const issue of error.issues) {
    const field = fieldOfPath(issue.path)
    if (field && into[field] === undefined) into[field] = describeIssue(field, issue, form)
  }
}

function changed(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) !== JSON.stringify(b)
}

export type FormCheck = { ok: true; patch: SettingsPatch } | { ok: false; errors: FieldErrors }

/** Validates the whole form against `current`, as the host would; on success, the patch of what changed. */
export function checkForm(form: SettingsForm, current: Settings): FormCheck {
  const errors: FieldErrors = {}
  const parsed = settingsPatchSchema.safeParse(rawPatch(form))
  if (!parsed.success) {
    collect(parsed.error, form, errors)
    return { ok: false, errors }
  }
  const { server = {}, companion = {}, ...rest } = parsed.data
  // Rules across fields (a model for the endpoint) live on the whole settings document.
  const merged = settingsSchema.safeParse(
    { ...current, ...rest, server: { ...current.server, ...server }, companion: { ...current.companion, ...companion } },
  )
  if (!merged.success) {
    collect(merged.error, form, errors)
    return { ok: false, errors }
  }
  const next: Record<string, unknown> = merged.data
  const now: Record<string, unknown> = current
  const diff = (a: Record<string, unknown>, b: Record<string, unknown>, keys: string[]) =>
    Object.fromEntries(keys.filter((key) => changed(a[key], b[key])).map((key) => [key, a[key]]))
  const serverDiff = diff(merged.data.server, current.server, Object.keys(server))
  const companionDiff = diff(merged.data.companion, current.companion, Object.keys(companion))
  // Parsed once more only to get the precise type back; every value in it was just validated.
  const patch = settingsPatchSchema.parse({
    ...diff(next, now, Object.keys(rest)),
    ...(Object.keys(serverDiff).length ? { server: serverDiff } : {}),
    ...(Object.keys(companionDiff).length ? { companion: companionDiff } : {}),
  })
  return { ok: true, patch }
}

/** A secret typed into a password field, checked with its command's own request schema. */
export function checkSecret(kind: 'token' | 'apiKey' | 'serverApiKey', value: string): FormMessage | undefined {
  if (value.trim() === '') return { key: 'secretEmpty' }
  const parsed =
    kind === 'token'
      ? hostCommandSchemas.setToken.request.safeParse({ token: value })
      : kind === 'serverApiKey'
        ? hostCommandSchemas.setServerApiKey.request.safeParse({ apiKey: value })
        : hostCommandSchemas.setCompanionApiKey.request.safeParse({ apiKey: value })
  const issue = parsed.success ? undefined : parsed.error.issues[0]
  if (!issue) return undefined
  return issue.code === 'too_big' ? { key: 'maxChars', params: { max: Number(issue.maximum) } } : { key: 'other', params: { text: issue.message } }
}

/**
 * A host refusal as a field message where it names a field (`Invalid settings: server.url: …`),
 * else as a message for the whole form. The host words it (in English): it goes out as `other`.
 */
export function hostErrorToFields(error: unknown): { field?: FieldName; message: string } {
  const message = messageOf(error)
  if (!(error instanceof HostError) || error.code !== 'invalid-request') return { message }
  const match = /^Invalid settings: ([\w.]+): ([\s\S]+)$/.exec(message)
  const field = match?.[1] ? fieldOfPath(match[1].split('.')) : undefined
  return field && match?.[2] ? { field, message: match[2] } : { message }
}
