// The baseline for `mira chat`: the least a client can do with the protocol. Connects, authorizes, sends one
// message, writes each token to stdout as it comes and exits at `stream_end`. Plain JavaScript, plain `ws`.
import { WebSocket } from 'ws'

const [url, token, content] = process.argv.slice(2)
const ws = new WebSocket(url)
ws.on('open', () => ws.send(JSON.stringify({ type: 'authorize', token })))
ws.on('message', (data) => {
  const frame = JSON.parse(data.toString())
  if (frame.type === 'authorize_success') ws.send(JSON.stringify({ type: 'chat_message', content, agent_id: 'mira', user_id: 'bench' }))
  else if (frame.type === 'stream_token') process.stdout.write(frame.chunk)
  else if (frame.type === 'stream_end') {
    process.stdout.write('\n')
    ws.close()
  }
})
ws.on('close', () => process.exit(0))
ws.on('error', (error) => {
  console.error(error.message)
  process.exit(1)
})
