import { computed, type ComputedRef } from 'vue'
import { useAvatarStore } from '../stores/avatar'

/** The character's name for the header, the composer and the empty stage: the server's, else Mira. */
export function useCharacterName(): ComputedRef<string> {
  const avatar = useAvatarStore()
  return computed(() => avatar.name?.trim() || 'Mira')
}
