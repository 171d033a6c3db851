/**
 * Reassembles streamed `delta.tool_calls` fragments: the id and name come first, the JSON
 * arguments arrive in pieces, all keyed by `index`. Providers that omit `index` send each call
 * whole, or its pieces in a row; both are handled.
 */
import type { ToolCallDelta } from './wire'

export interface AssembledCall {
  id: string
  name: string
  /** The raw JSON text of the arguments (possibly empty or invalid: the caller decides). */
  arguments: string
}

interface Pending {
  id?: string
  name: string
  arguments: string
}

export class ToolCallAccumulator {
  private readonly calls = new Map<number, Pending>()
  private last: number | undefined

  get size(): number {
    return this.calls.size
  }

  add(delta: ToolCallDelta): void {
    const index = this.indexFor(delta)
    const call = this.calls.get(index) ?? { name: '', arguments: '' }
    if (delta.id) call.id = delta.id
    const fn = delta.function
    if (fn?.name) call.name = fn.name
    if (typeof fn?.arguments === 'string') call.arguments += fn.arguments
    else if (fn?.arguments) call.arguments += JSON.stringify(fn.arguments)
    this.calls.set(index, call)
    this.last = index
  }

  /** The calls in index order; `round` makes generated ids unique across the turn. */
  finish(round: number): AssembledCall[] {
    return [...this.calls.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, call]) => ({ id: call.id ?? `call_${round}_${index}`, name: call.name, arguments: call.arguments }))
  }

  private indexFor(delta: ToolCallDelta): number {
    if (typeof delta.index === 'number') return delta.index
    if (delta.id) {
      for (const [index, call] of this.calls) if (call.id === delta.id) return index
      return this.nextIndex()
    }
    return this.last ?? this.nextIndex()
  }

  private nextIndex(): number {
    return this.calls.size === 0 ? 0 : Math.max(...this.calls.keys()) + 1
  }
}
