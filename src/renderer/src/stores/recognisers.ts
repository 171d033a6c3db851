/**
 * The speech recognisers as Settings → Listening shows them: each engine's state (asked when the
 * section opens), the whisper.cpp models with their download progress (from `whisper-models`
 * events), and the outcome of the last Test per engine.
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { SttStatus, WhisperModelState } from '../../../shared/host'
import type { SttProvider } from '../../../shared/settings'
import { useHost } from '../host/inject'
import { hostErrorText } from '../lib/host-text'
import type { LocalText } from '../lib/local-text'

export type TestOutcome = { state: 'running' } | { state: 'heard'; text: string; said: string; engine: string } | { state: 'failed'; why: LocalText }

export const useRecognisersStore = defineStore('recognisers', () => {
  const host = useHost()
  const status = ref<SttStatus>()
  const statusProblem = ref<LocalText>()
  const models = ref<WhisperModelState[]>([])
  const modelProblem = ref<LocalText>()
  const tests = ref<Partial<Record<SttProvider, TestOutcome>>>({})

  async function refresh(): Promise<void> {
    statusProblem.value = undefined
    try {
      const [nextStatus, nextModels] = await Promise.all([host.api.getSttStatus(), host.api.listWhisperModels()])
      status.value = nextStatus
      models.value = nextModels
    } catch (error) {
      statusProblem.value = hostErrorText(error)
    }
  }

  function setModels(next: WhisperModelState[]): void {
    models.value = next
  }

  async function modelCommand(run: () => Promise<unknown>): Promise<void> {
    modelProblem.value = undefined
    try {
      await run()
    } catch (error) {
      modelProblem.value = hostErrorText(error)
    }
  }

  const download = (id: string) => modelCommand(() => host.api.downloadWhisperModel({ id }))
  const cancel = (id: string) => modelCommand(() => host.api.cancelWhisperModelDownload({ id }))
  const remove = (id: string) => modelCommand(() => host.api.removeWhisperModel({ id }))

  async function test(provider: SttProvider): Promise<void> {
    tests.value = { ...tests.value, [provider]: { state: 'running' } }
    try {
      const { text, said, engine } = await host.api.testStt({ provider })
      tests.value = { ...tests.value, [provider]: { state: 'heard', text, said, engine } }
    } catch (error) {
      tests.value = { ...tests.value, [provider]: { state: 'failed', why: hostErrorText(error) } }
    }
  }

  return { status, statusProblem, models, modelProblem, tests, refresh, setModels, download, cancel, remove, test }
})
