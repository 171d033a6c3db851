/**
 * A small arithmetic evaluator (recursive descent, no eval): the model's expressions are
 * untrusted text. Grammar, loosest binding first:
 *   sum     := product (('+' | '-') product)*
 *   product := unary (('*' | '/' | '%') unary)*
 *   unary   := ('-' | '+') unary | power
 *   power   := primary ('^' unary)?          right-associative; -2^2 = -4, 2^-1 = 0.5
 *   primary := number | constant | name '(' sum (',' sum)* ')' | '(' sum ')'
 */
export class CalcError extends Error {
  override name = 'CalcError'
}

const MAX_LENGTH = 1_000
const MAX_DEPTH = 64

type Token =
  | { kind: 'number'; value: number; at: number }
  | { kind: 'name'; value: string; at: number }
  | { kind: 'op'; value: string; at: number }
  | { kind: 'end'; at: number }

const CONSTANTS: Record<string, number> = { pi: Math.PI, e: Math.E, tau: 2 * Math.PI }

interface MathFunction {
  arity: [min: number, max: number]
  apply(args: number[]): number
}

const one = (f: (x: number) => number): MathFunction => ({ arity: [1, 1], apply: ([x = NaN]) => f(x) })
const FUNCTIONS: Record<string, MathFunction> = {
  sqrt: one((x) => {
    if (x < 0) throw new CalcError('sqrt of a negative number')
    return Math.sqrt(x)
  }),
  sin: one(Math.sin),
  cos: one(Math.cos),
  tan: one(Math.tan),
  abs: one(Math.abs),
  floor: one(Math.floor),
  ceil: one(Math.ceil),
  exp: one(Math.exp),
  log: one((x) => logarithm(x, Math.log10)),
  ln: one((x) => logarithm(x, Math.log)),
  round: {
    arity: [1, 2],
    apply: ([x = NaN, digits = 0]) => {
      if (!Number.isInteger(digits) || digits < 0 || digits > 15) throw new CalcError('round digits must be 0..15')
      const scale = 10 ** digits
      return Math.round(x * scale) / scale
    },
  },
  min: { arity: [1, Infinity], apply: (args) => Math.min(...args) },
  max: { arity: [1, Infinity], apply: (args) => Math.max(...args) },
}

function logarithm(x: number, f: (x: number) => number): number {
  if (x <= 0) throw new CalcError('log of a number that is not positive')
  return f(x)
}

const NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/
const OPERATORS = ['**', '+', '-', '*', '/', '%', '^', '(', ')', ',', '×', '÷', '−']
const ALIASES: Record<string, string> = { '**': '^', '×': '*', '÷': '/', '−': '-' }

function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  let at = 0
  while (at < text.length) {
    const rest = text.slice(at)
    const space = /^\s+/.exec(rest)
    if (space) {
      at += space[0].length
      continue
    }
    const number = NUMBER.exec(rest)
    if (number) {
      tokens.push({ kind: 'number', value: Number(number[0]), at })
      at += number[0].length
      continue
    }
    const name = NAME.exec(rest)
    if (name) {
      tokens.push({ kind: 'name', value: name[0].toLowerCase(), at })
      at += name[0].length
      continue
    }
    const op = OPERATORS.find((candidate) => rest.startsWith(candidate))
    if (!op) throw new CalcError(`Unexpected character "${rest[0]}" at position ${at + 1}`)
    tokens.push({ kind: 'op', value: ALIASES[op] ?? op, at })
    at += op.length
  }
  tokens.push({ kind: 'end', at })
  return tokens
}

class Parser {
  private index = 0
  private depth = 0

  constructor(private readonly tokens: Token[]) {}

  parse(): number {
    const value = this.sum()
    const next = this.peek()
    if (next.kind !== 'end') throw new CalcError(`Unexpected ${describe(next)} at position ${next.at + 1}`)
    return value
  }

  private peek(): Token {
    // The tokenizer always ends with an `end` token, so the last element exists.
    return this.tokens[Math.min(this.index, this.tokens.length - 1)] as Token
  }

  private takeOp(...ops: string[]): string | undefined {
    const token = this.peek()
    if (token.kind === 'op' && ops.includes(token.value)) {
      this.index++
      return token.value
    }
    return undefined
  }

  private expectOp(op: string, what: string): void {
    if (this.takeOp(op)) return
    const token = this.peek()
    throw new CalcError(`Expected ${what} at position ${token.at + 1}, found ${describe(token)}`)
  }

  private sum(): number {
    let value = this.product()
    for (let op = this.takeOp('+', '-'); op; op = this.takeOp('+', '-')) {
      const right = this.product()
      value = op === '+' ? value + right : value - right
    }
    return value
  }

  private product(): number {
    let value = this.unary()
    for (let op = this.takeOp('*', '/', '%'); op; op = this.takeOp('*', '/', '%')) {
      const right = this.unary()
      if (op !== '*' && right === 0) throw new CalcError('Division by zero')
      value = op === '*' ? value * right : op === '/' ? value / right : value % right
    }
    return value
  }

  private unary(): number {
    const op = this.takeOp('-', '+')
    if (!op) return this.power()
    const value = this.nested(() => this.unary())
    return op === '-' ? -value : value
  }

  private power(): number {
    const base = this.primary()
    if (!this.takeOp('^')) return base
    const exponent = this.nested(() => this.unary())
    if (base === 0 && exponent < 0) throw new CalcError('Division by zero')
    return base ** exponent
  }

  private primary(): number {
    const token = this.peek()
    if (token.kind === 'number') {
      this.index++
      return token.value
    }
    if (token.kind === 'op' && token.value === '(') {
      this.index++
      const value = this.nested(() => this.sum())
      this.expectOp(')', '")"')
      return value
    }
    if (token.kind === 'name') {
      this.index++
      return this.name(token.value, token.at)
    }
    throw new CalcError(
      token.kind === 'end' ? 'The expression ends too early' : `Unexpected ${describe(token)} at position ${token.at + 1}`,
    )
  }

  private name(name: string, at: number): number {
    const fn = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined
    if (!fn) {
      if (Object.hasOwn(CONSTANTS, name)) return CONSTANTS[name] as number
      throw new CalcError(`Unknown name "${name}" at position ${at + 1}`)
    }
    this.expectOp('(', `"(" after ${name}`)
    const args = [this.nested(() => this.sum())]
    while (this.takeOp(',')) args.push(this.nested(() => this.sum()))
    this.expectOp(')', '")"')
    const [min, max] = fn.arity
    if (args.length < min || args.length > max) {
      const expected = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`
      throw new CalcError(`${name} takes ${expected} argument${max === 1 ? '' : 's'}, got ${args.length}`)
    }
    return fn.apply(args)
  }

  /** Bounds recursion so "((((…" cannot overflow the stack. */
  private nested(parse: () => number): number {
    if (++this.depth > MAX_DEPTH) throw new CalcError('The expression is nested too deeply')
    try {
      return parse()
    } finally {
      this.depth--
    }
  }
}

function describe(token: Token): string {
  if (token.kind === 'end') return 'the end'
  return token.kind === 'number' ? `number ${token.value}` : `"${token.value}"`
}

/** Evaluates an arithmetic expression; throws `CalcError` with a one-line reason. */
export function evaluate(expression: string): number {
  if (expression.length > MAX_LENGTH) throw new CalcError(`The expression is longer than ${MAX_LENGTH} characters`)
  if (expression.trim() === '') throw new CalcError('The expression is empty')
  const value = new Parser(tokenize(expression)).parse()
  if (!Number.isFinite(value)) throw new CalcError('The result is not a finite number')
  // 15 significant digits hide binary noise: 0.1 + 0.2 gives 0.3.
  const rounded = Number(value.toPrecision(15))
  return Object.is(rounded, -0) ? 0 : rounded
}
