/**
 * A private PulseAudio "room" for measuring barge-in with real echo cancellation: a daemon of our
 * own (its own socket and runtime folder, so no one else's sound is touched) with a null sink
 * `room` that is everyone's speakers, and a virtual microphone `mic` remapped from the sink's
 * monitor. Chromium, pointed at it with PULSE_SERVER, plays Mira's voice into the room and hears the
 * room back, so its echo canceller runs on a real echo; `play` adds a person talking in the room.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface PulseRoom {
  /** For PULSE_SERVER. */
  server: string
  /** Plays a WAV into the room (the microphone hears it with Mira's voice); resolves when done. */
  play(file: string): Promise<void>
  close(): void
}

const missingTool = (): string | undefined => ['pulseaudio', 'pactl', 'paplay'].find((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0)

/** Starts the room, or says why it cannot run here. */
export async function startPulseRoom(): Promise<PulseRoom | { unavailable: string }> {
  const missing = missingTool()
  if (missing) return { unavailable: `${missing} is not installed (Debian: pulseaudio pulseaudio-utils)` }
  const dir = mkdtempSync(join(tmpdir(), 'mira-pulse-'))
  const socket = join(dir, 'native')
  const server = `unix:${socket}`
  const env = { ...process.env, HOME: dir, PULSE_RUNTIME_PATH: join(dir, 'run'), PULSE_SERVER: server }
  const daemon: ChildProcess = spawn(
    'pulseaudio',
    [
      '-n',
      '--daemonize=no',
      '--exit-idle-time=-1',
      '--use-pid-file=no',
      '--disallow-exit',
      '-L',
      `module-native-protocol-unix socket=${socket} auth-anonymous=1`,
      '-L',
      'module-null-sink sink_name=room rate=48000 channels=1',
      '-L',
      'module-null-sink sink_name=wire rate=48000 channels=1',
      // The room reaches the microphone with a short, steady delay, as from speakers a metre away.
      '-L',
      'module-loopback source=room.monitor sink=wire latency_msec=20 source_dont_move=true sink_dont_move=true',
      '-L',
      'module-remap-source source_name=mic master=wire.monitor',
    ],
    { env, stdio: ['ignore', 'ignore', 'pipe'] },
  )
  let stderr = ''
  daemon.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<void>((resolve) => daemon.once('exit', () => resolve()))
  const close = (): void => {
    if (daemon.exitCode === null) daemon.kill()
    rmSync(dir, { recursive: true, force: true })
  }
  // Ready when it answers; a daemon that exits first (no permission, no shm) cannot run here.
  for (let i = 0; i < 100; i++) {
    if (daemon.exitCode !== null) break
    if (spawnSync('pactl', ['info'], { env }).status === 0) {
      spawnSync('pactl', ['set-default-sink', 'room'], { env })
      spawnSync('pactl', ['set-default-source', 'mic'], { env })
      return {
        server,
        close,
        play: (file) =>
          new Promise((resolve, reject) => {
            const player = spawn('paplay', ['-d', 'room', file], { env, stdio: 'ignore' })
            player.once('error', reject)
            player.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`paplay exited with ${code}`))))
          }),
      }
    }
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 100))])
  }
  close()
  return { unavailable: `PulseAudio did not start: ${stderr.trim().split('\n').at(-1) ?? 'no answer'}` }
}
