/**
 * Zod would probe `new Function` for its fast path, and the CSP forbids eval: say so before any
 * other module runs (some parse while they load), so no start leaves a CSP violation report.
 */
import { z } from 'zod'

z.config({ jitless: true })
