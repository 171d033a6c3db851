/**
 * Speech for servers that send no speech chunks (no `tts_ready_chunk`): each turn's token stream
 * is cut into sentences here, with the companion's own chunker and emotion tags, and becomes the
 * same `turn-speech` events a `/v1/chat/stream` server's chunks become. The first sentence goes
 * out as soon as it is complete; at the turn's end the rest follows, so that every sentence is
 * spoken once, in order. A whole answer (no tokens) is chunked at its end.
 */
import type { HostEventOf } from '../../../shared/host/events'
import { SentenceChunker, type SpeechChunk } from '../../../shared/speech'

type SpeechEvent = HostEventOf<'turn-speech'>

interface TurnSpeech {
  chunker: SentenceChunker
  /** The text fed so far, to tell what an authoritative end adds to it. */
  fed: string
  /** The server's emotion for the answer (SYMindX), for sentences without an emotion tag. */
  emotion?: string
}

export class ClientSpeech {
  private readonly turns = new Map<string, TurnSpeech>()

  /** The sentences this token of `turnId` completes (often none). */
  token(turnId: string, chunk: string): SpeechEvent[] {
    const turn = this.turn(turnId)
    turn.fed += chunk
    return events(turnId, turn.chunker.push(chunk), turn.emotion)
  }

  /** The server named the answer's emotion: sentences from now on without a tag of their own carry it. */
  emotion(turnId: string, emotion: string): void {
    this.turn(turnId).emotion = emotion
  }

  /**
   * The turn ended with `content`, when the server gave it: what it adds to the streamed text is
   * spoken too; a different text is not spoken again (the streamed one was, or is being, heard).
   */
  end(turnId: string, content: string | undefined): SpeechEvent[] {
    const turn = this.turn(turnId)
    this.turns.delete(turnId)
    const rest = content !== undefined && content.startsWith(turn.fed) ? content.slice(turn.fed.length) : ''
    return events(turnId, [...turn.chunker.push(rest), ...turn.chunker.flush()], turn.emotion)
  }

  /** The turn stopped early: nothing more of it is spoken. */
  drop(turnId: string): void {
    this.turns.delete(turnId)
  }

  clear(): void {
    this.turns.clear()
  }

  private turn(turnId: string): TurnSpeech {
    let turn = this.turns.get(turnId)
    if (!turn) {
      turn = { chunker: new SentenceChunker(), fed: '' }
      this.turns.set(turnId, turn)
    }
    return turn
  }
}

function events(turnId: string, chunks: SpeechChunk[], fallback: string | undefined): SpeechEvent[] {
  return chunks.map((c) => {
    const emotion = c.emotion ?? fallback
    return { type: 'turn-speech', turnId, chunk: c.text, ...(emotion === undefined ? {} : { emotion }) }
  })
}
