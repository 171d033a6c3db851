import { computed, type ComputedRef } from 'vue'
import { useCharactersStore } from '../stores/characters'

/**
 * The character's name for the header, the composer and the empty stage: the user's own character's,
 * else the server's, else Mira.
 */
export function useCharacterName(): ComputedRef<string> {
  const characters = useCharactersStore()
  return computed(() => characters.name?.trim() || 'Mira')
}
