import type { HostApi } from '../../shared/host/commands'

declare global {
  interface Window {
    /** The host API exposed by the Electron preload; absent in web mode. */
    mira?: HostApi
  }
}

export {}
