/**
 * A settings refusal of the host on the field it names, in the form's own words where the host
 * gave the kind of issue a code (core/settings/settings-refusal.ts); else the host's English detail.
 */
import { HostError } from '../../../../shared/host'
import { SECONDS_FIELDS, type FieldName, type FormMessage } from '../../lib/settings-form'

export function refusalMessage(error: unknown, field: FieldName, detail: string): FormMessage {
  const other: FormMessage = { key: 'other', params: { text: detail } }
  if (!(error instanceof HostError)) return other
  const { min, max } = error.params ?? {}
  const seconds = SECONDS_FIELDS.has(field)
  switch (error.textCode) {
    case 'settingsTooSmall':
      if (typeof min !== 'number') return other
      return seconds ? { key: 'minSeconds', params: { min: min / 1000 } } : { key: 'min', params: { min } }
    case 'settingsTooBig':
      if (typeof max !== 'number') return other
      return seconds ? { key: 'maxSeconds', params: { max: max / 1000 } } : { key: 'max', params: { max } }
    case 'settingsTooLong':
      return typeof max === 'number' ? { key: 'maxChars', params: { max } } : other
    case 'settingsEmpty':
      return { key: 'empty' }
    case 'settingsNotNumber':
      return { key: 'number' }
    case 'settingsNotAChoice':
      return { key: 'choose' }
    case 'settingsModelNeeded':
      return { key: 'modelNeeded' }
    default:
      return other
  }
}
