// The preload: exposes the typed host API on `window.mira` and nothing else.
import { contextBridge, ipcRenderer } from 'electron'
import { HOST_API_GLOBAL } from '../shared/host/channels'
import { buildHostApi } from './host-api'

contextBridge.exposeInMainWorld(HOST_API_GLOBAL, buildHostApi(ipcRenderer))
