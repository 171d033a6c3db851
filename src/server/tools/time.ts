import { z } from 'zod'
import { defineTool, ToolError } from './define'
import type { Tool } from './types'

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name })
    return true
  } catch {
    return false
  }
}

/** `+09:00`-style offset of `timeZone` at `date` ("GMT" alone means zero). */
function utcOffset(date: Date, timeZone: string): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(date)
    .find((part) => part.type === 'timeZoneName')?.value
  const offset = name?.replace(/^GMT/, '') ?? ''
  return offset === '' ? '+00:00' : offset
}

/** Wall-clock time in `timeZone` as `YYYY-MM-DDTHH:mm:ss±hh:mm`. */
function localIso(date: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  )
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${utcOffset(date, timeZone)}`
}

export function createTimeTool(now: () => Date = () => new Date()): Tool {
  return defineTool({
    name: 'get_current_time',
    description: 'Returns the current date and time, in the server\'s time zone or in a given IANA time zone.',
    args: z.object({
      // Small models send `null` or "" for "no time zone": both mean local time.
      timezone: z.string().max(64).nullish().describe('IANA time zone, e.g. "Europe/Paris"; omit for local time'),
    }),
    run(args) {
      const timezone = args.timezone?.trim() || undefined
      if (timezone !== undefined && !isTimeZone(timezone)) {
        throw new ToolError(`Unknown time zone "${timezone}"; use an IANA name such as "America/New_York"`)
      }
      const date = now()
      const zone = timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone
      return {
        iso: date.toISOString(),
        local: localIso(date, zone),
        text: new Intl.DateTimeFormat('en-US', { timeZone: zone, dateStyle: 'full', timeStyle: 'long' }).format(date),
        timezone: zone,
        utcOffset: utcOffset(date, zone),
      }
    },
  })
}
