/** The host's whisper.cpp model commands: list, download (progress comes as events), cancel, remove. */
import { HostError, type HostHandlers } from '../../../shared/host'
import { UnknownModelError, type WhisperModels } from './models/whisper-models'

type ModelCommands = 'listWhisperModels' | 'downloadWhisperModel' | 'cancelWhisperModelDownload' | 'removeWhisperModel'

function known<T>(run: () => T): T {
  try {
    return run()
  } catch (error) {
    if (error instanceof UnknownModelError) throw new HostError('invalid-request', error.message)
    throw error
  }
}

export function createModelHandlers(models: WhisperModels): Pick<HostHandlers, ModelCommands> {
  return {
    listWhisperModels: () => models.list(),
    downloadWhisperModel: async ({ id }) => {
      known(() => models.pathOf(models.info(id)))
      // Runs on; its progress and outcome reach the page as `whisper-models` events.
      void models.download(id)
      return { ok: true }
    },
    cancelWhisperModelDownload: async ({ id }) => {
      known(() => models.cancel(id))
      return { ok: true }
    },
    removeWhisperModel: async ({ id }) => {
      known(() => models.info(id))
      await models.remove(id)
      return { ok: true }
    },
  }
}
