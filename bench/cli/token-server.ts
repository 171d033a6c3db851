/**
 * A chat server that answers every message with the same long answer, as fast as the socket takes it: its
 * frames are serialized once, so the clients' work is what the CLI bench compares.
 */
import { WebSocketServer, type WebSocket } from 'ws'

export interface TokenServer {
  url: string
  close(): Promise<void>
}

export async function startTokenServer(tokens: number): Promise<TokenServer> {
  const envelope = { id: null, timestamp: null }
  const turn = { turn_id: '9b2f6a1e-0c4d-4f7a-9e1b-000000000001', conversation_id: 'c0ffee00-0000-4000-8000-000000000001' }
  const words = ['tell ', 'me ', 'more ', 'about ', 'the ', 'river. ']
  const chunks = Array.from({ length: tokens }, (_, i) => words[i % words.length] ?? '')
  const frames = [
    JSON.stringify({ type: 'stream_start', ...turn, ...envelope }),
    ...chunks.map((chunk) => JSON.stringify({ type: 'stream_token', chunk, node: null, ...envelope })),
    JSON.stringify({ type: 'stream_end', ...turn, content: chunks.join(''), ...envelope }),
  ]
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/v1/chat/stream' })
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()))
  wss.on('connection', (ws: WebSocket) => {
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { type?: string }
      if (frame.type === 'authorize') ws.send(JSON.stringify({ type: 'authorize_success', connection_id: 'bench', ...envelope }))
      else if (frame.type === 'chat_message') for (const text of frames) ws.send(text)
    })
  })
  const address = wss.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `ws://127.0.0.1:${port}/v1/chat/stream`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate()
        wss.close(() => resolve())
      }),
  }
}
