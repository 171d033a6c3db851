/**
 * Server text made harmless for a terminal: escape sequences (CSI, OSC such as window titles,
 * OSC 52 clipboard writes and hyperlinks, DCS/APC/PM/SOS strings, two-byte ESC codes) are removed,
 * and so are the C1 controls and every C0 control but `\n` and `\t` (a `\r` could draw a fake prompt
 * over the line). A sequence split across two chunks loses its ESC, so what is left prints as text.
 */
// eslint-disable-next-line no-control-regex
const ESCAPE_SEQUENCE = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|[ -/]*[0-~])/g
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g

export function terminalSafe(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(CONTROL, '')
}
