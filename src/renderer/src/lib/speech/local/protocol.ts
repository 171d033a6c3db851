/** Messages between the page and the espeak-ng worker. */
import type { EspeakFailure, EspeakJob } from './espeak-run'

export interface WorkerRequest extends EspeakJob {
  id: number
}

export type WorkerReply = { id: number; wav: Uint8Array } | { id: number; failure: EspeakFailure; detail: string }
