/** The host commands for the user's own background images. */
import { Buffer } from 'node:buffer'
import type { HostHandlers } from '../../../shared/host'
import type { BackgroundStore } from './background-store'

type BackgroundHandlers = Pick<HostHandlers, 'addBackground' | 'listLocalBackgrounds' | 'removeBackground'>

export function createBackgroundHandlers(store: BackgroundStore): BackgroundHandlers {
  return {
    addBackground: ({ name, data }) => store.add(name, Buffer.from(data, 'base64')),
    listLocalBackgrounds: async () => ({ backgrounds: await store.list() }),
    removeBackground: async ({ id }) => {
      await store.remove(id)
      return { ok: true }
    },
  }
}
