/**
 * The avatar's mood from the stores, for any renderer: expression, weight and state (see
 * lib/avatar/mood.ts for the timing). A sentence's emotion takes effect when that sentence STARTS
 * PLAYING and holds until the next one; `touch` reports a poke or a pat on the character.
 * Re-read when the stores change, and on a timer only while a change is due (a fade, a greeting).
 */
import { computed, onBeforeUnmount, onMounted, ref, shallowRef, watch, type Ref, type ShallowRef } from 'vue'
import { avatarEmotionMap, expressionFor, type EmotionMap } from '../lib/avatar/emotions'
import { MoodClock, type LinkMood, type Mood, type MoodInput, type MoodTiming } from '../lib/avatar/mood'
import { useAvatarStore } from '../stores/avatar'
import { useChatStore } from '../stores/chat'
import { useConnectionStore } from '../stores/connection'
import { useListenStore } from '../stores/listen'
import { useSpeechStore } from '../stores/speech'

export interface MoodOptions {
  timing?: Partial<MoodTiming>
  /** How long typing counts as being listened to (ms). */
  typingMs?: number
  /** Default: the current avatar config's map (`model_info.emotionMap`) over the built-in one. */
  emotionMap?: EmotionMap
}

export interface AvatarMood {
  mood: ShallowRef<Mood>
  touch(kind: 'poke' | 'pat'): void
}

export function useAvatarMood(options: MoodOptions = {}): AvatarMood {
  const avatar = useAvatarStore()
  const configured = computed(() => options.emotionMap ?? avatarEmotionMap(avatar.model?.source.emotionMap))
  const chat = useChatStore()
  const speech = useSpeechStore()
  const connection = useConnectionStore()
  const listen = useListenStore()
  const typing = useTyping(options.typingMs ?? 2500)
  const clock = new MoodClock(options.timing)

  const link = computed<LinkMood>(() => {
    const transport = connection.transport.state
    const state = connection.link?.state
    if (transport === 'rejected' || state === 'auth-failed') return 'problem'
    if (connection.ready) return 'ready'
    return transport === 'reconnecting' || state === 'reconnecting' || state === 'offline' ? 'down' : 'connecting'
  })

  const input = computed<MoodInput>(() => {
    const chunk = speech.playing
    return {
      ...(chunk ? { playing: { turnId: chunk.turnId, ...(chunk.emotion ? { expression: expressionFor(chunk.emotion, configured.value) } : {}) } } : {}),
      speaking: speech.speaking,
      busy: chat.busy,
      answering: (chat.openTurn?.text ?? '') !== '',
      // The microphone on, or words being typed: she is all ears.
      typing: typing.value || listen.micOn,
      link: link.value,
    }
  })

  const mood = shallowRef<Mood>(clock.read(input.value, performance.now()))
  let timer: ReturnType<typeof setTimeout> | undefined
  function update(): void {
    clearTimeout(timer)
    const now = performance.now()
    const next = clock.read(input.value, now)
    mood.value = next
    if (next.nextChangeAt !== undefined) timer = setTimeout(update, Math.max(0, next.nextChangeAt - now))
  }

  // The sentence first (its emotion), then the mood it makes.
  watch(
    () => speech.playing?.id,
    () => {
      const chunk = speech.playing
      if (chunk) clock.sentence(chunk.turnId, input.value.playing?.expression)
    },
    { flush: 'sync' },
  )
  // A message of the user's: the last answer's mood gives way to attention.
  watch(
    () => chat.entries.at(-1),
    (last, before) => {
      if (last?.kind === 'message' && last.id !== before?.id) clock.newMessage()
    },
    { flush: 'sync' },
  )
  watch(input, update)
  onMounted(update)
  onBeforeUnmount(() => clearTimeout(timer))

  return {
    mood,
    touch(kind) {
      clock.touched(kind, performance.now())
      update()
    },
  }
}

/** True while the user types a message, and for `quietMs` after the last keystroke. */
function useTyping(quietMs: number): Ref<boolean> {
  const typing = ref(false)
  let timer: ReturnType<typeof setTimeout> | undefined
  function onInput(event: Event): void {
    const target = event.target
    // The composer's field, found by its class: its label is translated.
    if (!(target instanceof HTMLTextAreaElement) || !target.classList.contains('composer__input')) return
    clearTimeout(timer)
    typing.value = target.value.trim() !== ''
    if (typing.value) timer = setTimeout(() => (typing.value = false), quietMs)
  }
  function onSubmit(): void {
    clearTimeout(timer)
    typing.value = false
  }
  onMounted(() => {
    document.addEventListener('input', onInput)
    document.addEventListener('submit', onSubmit)
  })
  onBeforeUnmount(() => {
    clearTimeout(timer)
    document.removeEventListener('input', onInput)
    document.removeEventListener('submit', onSubmit)
  })
  return typing
}
