/**
 * The web host's per-launch key: it arrives once as `?key=` in the address `mira web` prints,
 * then lives in sessionStorage (this tab only) and leaves the visible URL, so it is not copied
 * along with a shared link or kept in the history.
 */
export const BRIDGE_KEY_STORAGE = 'mira.bridgeKey'

export interface KeyEnv {
  location: Pick<Location, 'href'>
  history: Pick<History, 'replaceState' | 'state'>
  storage: Pick<Storage, 'getItem' | 'setItem'>
}

export function takeBridgeKey(env: KeyEnv): string | undefined {
  const url = new URL(env.location.href)
  const fromUrl = url.searchParams.get('key')
  if (fromUrl) {
    env.storage.setItem(BRIDGE_KEY_STORAGE, fromUrl)
    url.searchParams.delete('key')
    env.history.replaceState(env.history.state, '', url.pathname + url.search + url.hash)
    return fromUrl
  }
  return env.storage.getItem(BRIDGE_KEY_STORAGE) ?? undefined
}
