/** The flags that choose a speech recogniser, shared by `mira transcribe` and `mira chat --audio` (no imports: help stays fast). */
export const speechOptions = {
  engine: { type: 'string' },
  'base-url': { type: 'string' },
  model: { type: 'string' },
  language: { type: 'string' },
  'whisper-cli': { type: 'string' },
} as const

export const SPEECH_ENGINES = ['server', 'openai', 'whisper'] as const

export const speechHelp = `  --engine E             where speech is recognised: server (POST /v1/stt/transcribe on the chat
                         server), openai (an OpenAI-compatible /audio/transcriptions endpoint) or
                         whisper (whisper.cpp's whisper-cli here); default: the app's Settings → Listening
  --base-url URL         openai: the endpoint's base, e.g. https://api.openai.com/v1 (key: MIRA_STT_API_KEY,
                         or the key the app saved for that server)
  --model M              openai: the model name (default: settings, whisper-1); whisper: the ggml model
                         file, or the name of a model downloaded in the app (tiny.en, base, …)
  --whisper-cli PATH     whisper: the whisper-cli program (default: settings, then MIRA_WHISPER_CLI)
  --language L           the language spoken, e.g. en or ja (default: settings, else detected)`
