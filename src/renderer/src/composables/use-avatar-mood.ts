/**
 * What the avatar shows, from the stores: its state (idle, listening while the user types,
 * thinking until the first words arrive, speaking while a sentence plays) and its expression.
 * A sentence's emotion takes effect when that sentence STARTS PLAYING; a sentence without one
 * keeps the mood of the answer so far; after the voice ends the face eases back to neutral.
 */
import { computed, onBeforeUnmount, onMounted, ref, watch, type ComputedRef, type Ref } from 'vue'
import { avatarEmotionMap, expressionFor, type EmotionMap, type Expression } from '../lib/avatar/emotions'
import { useAvatarStore } from '../stores/avatar'
import { useChatStore } from '../stores/chat'
import { useSpeechStore } from '../stores/speech'
import type { AvatarState } from './use-avatar-motion'

export interface MoodOptions {
  /** How long an expression lingers after the voice stopped (ms). */
  holdMs?: number
  /** How long typing counts as being listened to (ms). */
  typingMs?: number
  /** Default: the current avatar config's map (`model_info.emotionMap`) over the built-in one. */
  emotionMap?: EmotionMap
}

export function useAvatarMood(options: MoodOptions = {}): { expression: ComputedRef<Expression>; state: ComputedRef<AvatarState> } {
  const { holdMs = 900, typingMs = 2500 } = options
  const avatar = useAvatarStore()
  const configured = computed(() => avatarEmotionMap(avatar.model?.source.emotionMap))
  const chat = useChatStore()
  const speech = useSpeechStore()
  const spoken = ref<Expression>('neutral')
  const typing = useTyping(typingMs)
  let hold: ReturnType<typeof setTimeout> | undefined

  watch(
    () => speech.playing,
    (chunk, before) => {
      clearTimeout(hold)
      if (chunk) {
        if (chunk.emotion !== undefined || chunk.turnId !== before?.turnId) spoken.value = expressionFor(chunk.emotion, options.emotionMap ?? configured.value)
        return
      }
      hold = setTimeout(() => (spoken.value = 'neutral'), holdMs)
    },
  )
  onBeforeUnmount(() => clearTimeout(hold))

  const state = computed<AvatarState>(() => {
    if (speech.playing) return 'speaking'
    const turn = chat.openTurn
    if (chat.busy && (!turn || turn.text === '')) return 'thinking'
    if (typing.value) return 'listening'
    return 'idle'
  })

  const expression = computed<Expression>(() => {
    if (spoken.value !== 'neutral') return spoken.value
    return state.value === 'thinking' ? 'thinking' : 'neutral'
  })

  return { expression, state }
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
