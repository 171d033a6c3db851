/**
 * The most text one answer may have (UTF-16 code units, about 4 MB of text): far beyond any real
 * answer, far below V8's string limit. A turn that streams past it is stopped as `too-long`.
 */
export const MAX_TURN_TEXT = 4 * 1024 * 1024
