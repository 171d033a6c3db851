/** The chat protocols Mira speaks (src/main/core/protocols/), and the setting that picks one. */
export const PROTOCOL_KINDS = ['dmp', 'symindx', 'dexto', 'generalbots', 'lexicon'] as const
/** `dmp` is `/v1/chat/stream` (Mira's own companion speaks it). */
export type ProtocolKind = (typeof PROTOCOL_KINDS)[number]

/** `auto`: decided from the address (`/v1/chat/stream` → dmp, `/ws/chat` → lexicon), else by probing. */
export const SERVER_KINDS = ['auto', ...PROTOCOL_KINDS] as const
export type ServerKind = (typeof SERVER_KINDS)[number]
