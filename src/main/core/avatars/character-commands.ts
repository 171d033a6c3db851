/** The host commands for the user's own characters and Live2D runtimes. */
import { Buffer } from 'node:buffer'
import type { HostHandlers } from '../../../shared/host'
import type { CharacterStore } from './character-store'

type CharacterHandlers = Pick<HostHandlers, 'listCharacters' | 'addCharacter' | 'removeCharacter' | 'chooseCharacter' | 'setLive2dRuntime' | 'setCharacterSettings' | 'setCharacterThumbnail'>

export function createCharacterHandlers(store: CharacterStore): CharacterHandlers {
  return {
    listCharacters: () => store.list(),
    addCharacter: ({ name, data }) => store.add(name, Buffer.from(data, 'base64')),
    removeCharacter: async ({ id }) => {
      await store.remove(id)
      return { ok: true }
    },
    chooseCharacter: async ({ id }) => {
      await store.choose(id)
      return { ok: true }
    },
    setCharacterSettings: ({ id, settings }) => store.setSettings(id, settings),
    setCharacterThumbnail: ({ id, data }) => store.setThumbnail(id, Buffer.from(data, 'base64')),
    setLive2dRuntime: async ({ data }) => ({ runtimes: await store.setRuntime(Buffer.from(data, 'base64')) }),
  }
}
