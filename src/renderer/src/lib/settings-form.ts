/**
 * The settings dialog's form: what the fields hold, and their validation with the shared schemas
 * (`settingsPatchSchema`, `settingsSchema`, the `setToken` request) — no rule is written twice.
 * Only the fields that changed go into the patch.
 */
import type { z } from 'zod'
import { HostError, hostCommandSchemas } from '../../../shared/host'
import { settingsPatchSchema, settingsSchema, type Settings, type SettingsPatch } from '../../../shared/settings'

export interface SettingsForm {
  serverMode: Settings['server']['mode']
  serverUrl: string
  /** Seconds in the form, milliseconds in the settings. `v-model` on a number input gives a number or ''. */
  silenceTimeout: number | string
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

export type FieldName = keyof SettingsForm | 'token' | 'apiKey'
export type FieldErrors = Partial<Record<FieldName, string>>

export function formFromSettings(settings: Settings): SettingsForm {
  return {
    serverMode: settings.server.mode,
    serverUrl: settings.server.url,
    silenceTimeout: settings.server.silenceTimeoutMs / 1000,
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
      ...(form.serverMode === 'custom' ? { url: form.serverUrl } : {}),
      silenceTimeoutMs: Math.round(toNumber(form.silenceTimeout) * 1000),
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

/** A settings path (`server.url`, `companion.llmModel`, `agentId`) as the form field showing it. */
export function fieldOfPath(path: readonly PropertyKey[]): FieldName | undefined {
  const [head, key] = path.map(String)
  if (head === 'server') return key === 'url' ? 'serverUrl' : key === 'mode' ? 'serverMode' : key === 'silenceTimeoutMs' ? 'silenceTimeout' : undefined
  const name = head === 'companion' ? key : head
  return name !== undefined && name in FIELD_LABELS ? (name as FieldName) : undefined
}

/** Field names for messages that cannot point at one field. */
export const FIELD_LABELS: Record<FieldName, string> = {
  serverMode: 'Server',
  serverUrl: 'Server address',
  silenceTimeout: 'Silence timeout',
  llmBaseUrl: 'Model endpoint',
  llmModel: 'Model name',
  probeOllama: 'Local Ollama',
  ttsVoice: 'Offline voice',
  ttsRate: 'Speaking rate',
  agentId: 'Agent id',
  userId: 'User id',
  displayName: 'Display name',
  persona: 'Persona',
  historyLimit: 'Memory window',
  theme: 'Theme',
  language: 'Language',
  token: 'Token',
  apiKey: 'API key',
}

/** Words for the schema's default messages; messages a schema spells out itself win over these. */
function friendlyIssue(issue: z.core.$ZodRawIssue): string | undefined {
  const seconds = fieldOfPath(issue.path ?? []) === 'silenceTimeout'
  const amount = (n: unknown) => (seconds ? `${Number(n) / 1000} s` : String(n))
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'number' ? 'Enter a number' : undefined
    case 'too_small':
      return issue.origin === 'number' ? `Must be at least ${amount(issue.minimum)}` : undefined
    case 'too_big':
      if (issue.origin === 'number') return `Must be at most ${amount(issue.maximum)}`
      return issue.origin === 'string' ? `At most ${String(issue.maximum)} characters` : undefined
    case 'invalid_value':
      return 'Choose one of the options'
    default:
      return undefined
  }
}

function collect(error: z.ZodError, into: FieldErrors): void {
  for (const issue of error.issues) {
    const field = fieldOfPath(issue.path)
    if (field && into[field] === undefined) into[field] = issue.message
  }
}

function changed(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) !== JSON.stringify(b)
}

export type FormCheck = { ok: true; patch: SettingsPatch } | { ok: false; errors: FieldErrors }

/** Validates the whole form against `current`, as the host would; on success, the patch of what changed. */
export function checkForm(form: SettingsForm, current: Settings): FormCheck {
  const errors: FieldErrors = {}
  const parsed = settingsPatchSchema.safeParse(rawPatch(form), { error: friendlyIssue })
  if (!parsed.success) {
    collect(parsed.error, errors)
    return { ok: false, errors }
  }
  const { server = {}, companion = {}, ...rest } = parsed.data
  // Rules across fields (a model for the endpoint) live on the whole settings document.
  const merged = settingsSchema.safeParse(
    { ...current, ...rest, server: { ...current.server, ...server }, companion: { ...current.companion, ...companion } },
    { error: friendlyIssue },
  )
  if (!merged.success) {
    collect(merged.error, errors)
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
export function checkSecret(kind: 'token' | 'apiKey', value: string): string | undefined {
  const parsed =
    kind === 'token'
      ? hostCommandSchemas.setToken.request.safeParse({ token: value }, { error: friendlyIssue })
      : hostCommandSchemas.setCompanionApiKey.request.safeParse({ apiKey: value }, { error: friendlyIssue })
  if (parsed.success) return undefined
  return value.trim() === '' ? 'Type the new value, or cancel the change' : parsed.error.issues[0]?.message
}

/**
 * A host refusal as a field message where it names a field (`Invalid settings: server.url: …`),
 * else as a message for the whole form.
 */
export function hostErrorToFields(error: unknown): { field?: FieldName; message: string } {
  const message = error instanceof Error ? error.message : String(error)
  if (!(error instanceof HostError) || error.code !== 'invalid-request') return { message }
  const match = /^Invalid settings: ([\w.]+): ([\s\S]+)$/.exec(message)
  const field = match?.[1] ? fieldOfPath(match[1].split('.')) : undefined
  return field && match?.[2] ? { field, message: match[2] } : { message }
}
