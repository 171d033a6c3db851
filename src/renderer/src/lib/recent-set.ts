/**
 * A set of ids that remembers only the `limit` most recently added: for what is noted about turns
 * (left behind, already warned about), which would otherwise grow for as long as the page lives.
 */
export class RecentSet<T> {
  private readonly values = new Set<T>()

  constructor(private readonly limit: number) {}

  get size(): number {
    return this.values.size
  }

  has(value: T): boolean {
    return this.values.has(value)
  }

  /** Adds (or refreshes) a value; the least recently added one is forgotten past the limit. */
  add(value: T): void {
    this.values.delete(value)
    this.values.add(value)
    if (this.values.size <= this.limit) return
    const [oldest] = this.values
    if (oldest !== undefined) this.values.delete(oldest)
  }
}
