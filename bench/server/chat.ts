/**
 * The chat figures: first-token latency against the round trip of a trivial frame (same server,
 * same concurrency), and complete turns per second, with 1 client and with `CLIENTS` clients that
 * each have their own authorized socket. The measurements run interleaved, round after round,
 * after a warm-up round, so machine noise hits them alike; each figure is the median of the rounds.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { BenchClient, type TurnTiming } from './client'
import { median, p95, p99 } from './stats'

export const CLIENTS = 50
/** The demo brain's greeting: emotion tags, a few sentences, ~50 tokens. */
const MESSAGE = 'hello'
const WARMUP_ROUNDS = 1
const ROUNDS = 7
/** Per round: round trips and turns of the single client; turns of each of the many clients. */
const ROUND_TRIPS_ONE = 40
const TURNS_ONE = 30
const TURNS_EACH = 4

export interface Latency {
  median: number
  p95: number
  p99: number
}

export interface ChatFigures {
  roundTrip: { one: Latency; many: Latency }
  firstToken: { one: Latency; many: Latency }
  turnsPerSecond: { one: number; many: number }
  framesPerTurn: number
  /**
   * The clients' longest event-loop stall (ms) in each burst, median and max over the bursts: how
   * long a frame that had arrived could wait for the bench itself, the share of the first-token
   * figures that is not the server's.
   */
  clientStall: { median: number; max: number }
  /** CPU time (ms) the clients' process used per burst, and the burst's wall time: median over the bursts. */
  clientBurst: { cpuMs: number; wallMs: number }
}

interface RoundSamples {
  roundTripOne: number[]
  roundTripMany: number[]
  firstTokenOne: number[]
  firstTokenMany: number[]
  /** The clients' longest event-loop stall during the burst, ms. */
  clientStall: number
  clientCpuMs: number
  burstMs: number
  turnsPerSecondOne: number
  turnsPerSecondMany: number
}

/** Every client runs `turnsEach` turns back to back, all at once; turns per second over the wall time. */
async function turnsTogether(clients: BenchClient[], turnsEach: number): Promise<{ timings: TurnTiming[]; turnsPerSecond: number }> {
  const start = performance.now()
  const perClient = await Promise.all(
    clients.map(async (client) => {
      const timings: TurnTiming[] = []
      for (let i = 0; i < turnsEach; i++) timings.push(await client.turn(MESSAGE))
      return timings
    }),
  )
  const seconds = (performance.now() - start) / 1000
  const timings = perClient.flat()
  return { timings, turnsPerSecond: timings.length / seconds }
}

async function measureRound(clients: BenchClient[]): Promise<RoundSamples> {
  const one = clients.slice(0, 1)
  const only = clients[0] as BenchClient
  const roundTripOne: number[] = []
  for (let i = 0; i < ROUND_TRIPS_ONE; i++) roundTripOne.push(await only.roundTrip())
  // One turn each, sent in the same tick: the burst whose first tokens are timed.
  const roundTripMany = await Promise.all(clients.map((client) => client.roundTrip()))
  // A monitor of its own per burst: a re-enabled one would count the pause between bursts as delay.
  const loop = monitorEventLoopDelay({ resolution: 1 })
  loop.enable()
  const cpu = process.cpuUsage()
  const burst = await turnsTogether(clients, 1)
  const used = process.cpuUsage(cpu)
  loop.disable()
  const single = await turnsTogether(one, TURNS_ONE)
  const many = await turnsTogether(clients, TURNS_EACH)
  return {
    roundTripOne,
    roundTripMany,
    firstTokenOne: single.timings.map((t) => t.firstTokenMs),
    firstTokenMany: burst.timings.map((t) => t.firstTokenMs),
    clientStall: loop.max / 1e6,
    clientCpuMs: (used.user + used.system) / 1000,
    burstMs: burst.timings.length / burst.turnsPerSecond * 1000,
    turnsPerSecondOne: single.turnsPerSecond,
    turnsPerSecondMany: many.turnsPerSecond,
  }
}

/** The median over rounds of each round's median and p95; p99 over all rounds' samples together (a round has too few). */
function latency(rounds: RoundSamples[], pick: (round: RoundSamples) => number[]): Latency {
  return { median: median(rounds.map((r) => median(pick(r)))), p95: median(rounds.map((r) => p95(pick(r)))), p99: p99(rounds.flatMap(pick)) }
}

export async function measureChat(url: string): Promise<ChatFigures> {
  const clients: BenchClient[] = []
  try {
    // Connect one by one: the bench measures turns, not a connection storm.
    for (let i = 0; i < CLIENTS; i++) clients.push(await BenchClient.open(url, `bench-user-${i}`))
    // A fresh data folder paints its default backgrounds after the start: measure once that is done.
    await clients[0]?.backgrounds()
    const framesPerTurn = (await clients[0]?.turn(MESSAGE))?.frames ?? 0
    const rounds: RoundSamples[] = []
    for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
      const samples = await measureRound(clients)
      if (round >= WARMUP_ROUNDS) rounds.push(samples)
    }
    return {
      roundTrip: { one: latency(rounds, (r) => r.roundTripOne), many: latency(rounds, (r) => r.roundTripMany) },
      firstToken: { one: latency(rounds, (r) => r.firstTokenOne), many: latency(rounds, (r) => r.firstTokenMany) },
      turnsPerSecond: { one: median(rounds.map((r) => r.turnsPerSecondOne)), many: median(rounds.map((r) => r.turnsPerSecondMany)) },
      framesPerTurn,
      clientStall: { median: median(rounds.map((r) => r.clientStall)), max: Math.max(...rounds.map((r) => r.clientStall)) },
      clientBurst: { cpuMs: median(rounds.map((r) => r.clientCpuMs)), wallMs: median(rounds.map((r) => r.burstMs)) },
    }
  } finally {
    await Promise.all(clients.map((client) => client.close()))
  }
}
