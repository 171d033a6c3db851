import { describe, expect, it } from 'vitest'
import { createCalculatorTool, evaluate } from '../../../src/server/tools/calculator'
import type { ToolContext } from '../../../src/server/tools/types'

const context: ToolContext = { userId: 'u', agentId: 'a', conversationId: 'c', signal: new AbortController().signal }

describe('calculator: evaluate', () => {
  it.each<[string, number]>([
    ['2+3*4', 14],
    ['(2+3)*4', 20],
    ['10 - 4 - 3', 3],
    ['100 / 10 / 5', 2],
    ['7 % 3 + 1', 2],
    ['2^3^2', 512],
    ['2 ** 3', 8],
    ['-2^2', -4],
    ['(-2)^2', 4],
    ['2^-1', 0.5],
    ['--3', 3],
    ['-(1 + 2) * +3', -9],
    ['0.1 + 0.2', 0.3],
    ['.5 * 4', 2],
    ['1.5e3 / 3', 500],
    ['sqrt(16) + abs(-3)', 7],
    ['round(pi, 2)', 3.14],
    ['round(2.5)', 3],
    ['max(1, 7, 3) - min(4, 2)', 5],
    ['log(1000) + ln(e)', 4],
    ['sin(0) + cos(0) + tan(0)', 1],
    ['SQRT(9) * PI / pi', 3],
    ['6 × 7 ÷ 2 − 1', 20],
    ['floor(2.7) + ceil(2.1)', 5],
  ])('%s = %d', (expression, expected) => {
    expect(evaluate(expression)).toBe(expected)
  })

  it.each<[string, string]>([
    ['1/0', 'Division by zero'],
    ['5 % 0', 'Division by zero'],
    ['0^-1', 'Division by zero'],
    ['', 'The expression is empty'],
    ['2 +', 'The expression ends too early'],
    ['(1 + 2', 'Expected ")" at position 7, found the end'],
    ['1 + 2)', 'Unexpected ")" at position 6'],
    ['2 $ 3', 'Unexpected character "$" at position 3'],
    ['foo(1)', 'Unknown name "foo" at position 1'],
    ['sqrt 4', 'Expected "(" after sqrt at position 6, found number 4'],
    ['sqrt(1, 2)', 'sqrt takes 1 argument, got 2'],
    ['round(1, 2, 3)', 'round takes 1 to 2 arguments, got 3'],
    ['sqrt(-1)', 'sqrt of a negative number'],
    ['ln(0)', 'log of a number that is not positive'],
    ['10^400', 'The result is not a finite number'],
    ['1.2.3', 'Unexpected number 0.3 at position 4'],
    ['constructor', 'Unknown name "constructor" at position 1'],
    [`${'('.repeat(200)}1${')'.repeat(200)}`, 'The expression is nested too deeply'],
    ['-'.repeat(200) + '1', 'The expression is nested too deeply'],
  ])('%s → %s', (expression, message) => {
    expect(() => evaluate(expression)).toThrow(message)
  })
})

describe('calculator tool', () => {
  it('returns the result, or an error result for bad input', async () => {
    const tool = createCalculatorTool()
    expect(await tool.run({ expression: '2+3*4' }, context)).toEqual({ expression: '2+3*4', result: 14 })
    expect(await tool.run({ expression: '1/0' }, context)).toEqual({ error: 'Division by zero' })
    expect(await tool.run({ expr: '1' }, context)).toEqual({ error: expect.stringMatching(/^Invalid arguments: expression: /) })
    expect(tool.parameters).toMatchObject({ type: 'object', required: ['expression'] })
    expect(tool.parameters).not.toHaveProperty('$schema')
  })
})
