/** Writes server frames to one socket, with the real server's `"id": null, "timestamp": null` envelope. */
import { WebSocket } from 'ws'
import type { ServerFrameInput, ServerFrameType } from '../../shared/protocol'

export type OutgoingFrame = { [K in ServerFrameType]: ServerFrameInput<K> }[ServerFrameType]

export type SendFrame = (frame: OutgoingFrame) => void

export function frameSender(ws: WebSocket): SendFrame {
  return (frame) => {
    // A socket that is closing just misses the frame: nobody is there to read it.
    if (ws.readyState !== WebSocket.OPEN) return
    ws.send(JSON.stringify({ ...frame, id: null, timestamp: null }))
  }
}
