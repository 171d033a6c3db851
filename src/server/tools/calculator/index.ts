import { z } from 'zod'
import { defineTool, ToolError } from '../define'
import type { Tool } from '../types'
import { CalcError, evaluate } from './evaluate'

export { CalcError, evaluate } from './evaluate'

export function createCalculatorTool(): Tool {
  return defineTool({
    name: 'calculator',
    description:
      'Evaluates an arithmetic expression exactly. Supports + - * / % ^ (power), parentheses, ' +
      'sqrt sin cos tan (radians) log (base 10) ln abs round(x, digits) floor ceil exp min max, and pi, e.',
    args: z.object({
      expression: z.string().min(1).max(1_000).describe('The expression, e.g. "(2 + 3) * 4 ^ 2"'),
    }),
    run({ expression }) {
      try {
        return { expression, result: evaluate(expression) }
      } catch (error) {
        if (error instanceof CalcError) throw new ToolError(error.message)
        throw error
      }
    },
  })
}
