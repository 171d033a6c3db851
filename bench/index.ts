/**
 * `npm run bench [-- NAME…]`: runs the registered benches (all, or those named) and prints a table
 * for each. Add a bench by writing a module that exports a `Bench` and listing it here.
 */
import { avatarBench } from './avatar'
import { bargeInBench } from './bargein'
import { cliBench } from './cli'
import { framesBench } from './frames'
import { idleBench } from './idle'
import { printReport, type Bench } from './harness'
import { memoryBench } from './memory'
import { reconnectBench } from './reconnect'
import { renderBench } from './render'
import { serverBench } from './server'
import { speechBench } from './speech'
import { voiceBench } from './voice'

const benches: Bench[] = [framesBench, serverBench, renderBench, memoryBench, speechBench, reconnectBench, cliBench, avatarBench, idleBench, voiceBench, bargeInBench]

const wanted = process.argv.slice(2)
const unknown = wanted.filter((name) => !benches.some((b) => b.name === name))
if (unknown.length) {
  console.error(`Unknown bench: ${unknown.join(', ')}. Available: ${benches.map((b) => b.name).join(', ')}`)
  process.exit(64)
}

console.log(`Node ${process.version} on ${process.platform}/${process.arch}`)
for (const bench of benches.filter((b) => (wanted.length === 0 ? !b.optIn : wanted.includes(b.name)))) {
  console.log(`\n[${bench.name}] ${bench.description}`)
  printReport(await bench.run())
}
