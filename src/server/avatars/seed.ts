import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'

export const DEFAULT_AVATAR_FILE = 'mira.yaml'

const DEFAULT_AVATAR_YAML = `# Mira's default avatar config. Copy this file to add your own characters; each *.yaml here
# appears in the avatar list. The shape follows Open-LLM-VTuber's conf.yaml.
character_config:
  conf_name: Mira
  conf_uid: mira-default
  # A folder under live2d/ when mira.avatar is live2d or vrm.
  live2d_model_name: mira
  character_name: Mira
  persona_prompt: |
    You are Mira, a friendly desktop companion. Answer briefly and warmly.
    Start each sentence with an emotion tag such as [happy], [neutral], [sad], [surprised] or [thinking].
  mira:
    # builtin: Mira's own drawn avatar; live2d: a Cubism 4 model; vrm: a VRM model.
    avatar: builtin
    voice: en-us
    # Emotion words (the tags the model may use) → expressions. For the builtin avatar the
    # expressions are neutral, happy, sad, angry, surprised, relaxed and thinking; unknown words
    # are neutral. A Live2D model's map names its own expressions (or their indexes).
    emotion_map:
      neutral: neutral
      happy: happy
      joy: happy
      sad: sad
      fear: surprised
      angry: angry
      surprised: surprised
      relaxed: relaxed
      thinking: thinking
`

export async function seedAvatars(dir: string): Promise<void> {
  await writeFile(join(dir, DEFAULT_AVATAR_FILE), DEFAULT_AVATAR_YAML)
}
