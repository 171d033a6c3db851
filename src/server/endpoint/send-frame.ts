/**
 * Writes server frames to one socket, with the real server's `"id": null, "timestamp": null`
 * envelope. Frames written in one turn of the event loop leave in one write (the socket is corked
 * until the loop's check phase), instead of a system call each. A client that stops reading is
 * dropped once `maxBufferedBytes` wait for it, rather than growing the server's memory.
 */
import type { Writable } from 'node:stream'
import { WebSocket } from 'ws'
import type { ServerFrameInput, ServerFrameType } from '../../shared/protocol'

export type OutgoingFrame = { [K in ServerFrameType]: ServerFrameInput<K> }[ServerFrameType]

export type SendFrame = (frame: OutgoingFrame) => void

export interface SenderOptions {
  /** The socket under `ws`, corked while a tick's frames are written. */
  socket?: Pick<Writable, 'cork' | 'uncork'>
  maxBufferedBytes: number
  /** Called once when the client is dropped for not reading. */
  onStalled(): void
}

export function frameSender(ws: WebSocket, options: SenderOptions): SendFrame {
  const { socket } = options
  let corked = false
  let stalled = false
  /** Measured once the tick's frames were handed to the socket: what the client has not taken yet. */
  const checkReader = (): void => {
    if (stalled || ws.bufferedAmount <= options.maxBufferedBytes) return
    stalled = true
    options.onStalled()
  }
  return (frame) => {
    // A socket that is closing just misses the frame: nobody is there to read it.
    if (ws.readyState !== WebSocket.OPEN || stalled) return
    if (!socket) checkReader()
    else if (!corked) {
      corked = true
      socket.cork()
      setImmediate(() => {
        corked = false
        socket.uncork()
        checkReader()
      })
    }
    // The envelope appended to the frame's own JSON (an object's text ends in "}"), without copying the frame.
    if (!stalled) ws.send(`${JSON.stringify(frame).slice(0, -1)},"id":null,"timestamp":null}`)
  }
}
