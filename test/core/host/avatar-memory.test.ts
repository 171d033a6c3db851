/** The avatar kept per connection for snapshots: the last model and the last file switched to. */
import { describe, expect, it } from 'vitest'
import { avatarModelSchema } from '../../../src/shared/host/events'
import { AvatarMemory } from '../../../src/main/core/host/avatar-memory'
import { BUILTIN_SOURCE } from '../../../src/shared/avatar/source'

const model = (confName: string) => avatarModelSchema.parse({ confName, source: { ...BUILTIN_SOURCE, name: confName.toLowerCase() } })

describe('AvatarMemory', () => {
  it('has nothing to tell before the server sent a model', () => {
    const memory = new AvatarMemory()
    memory.note({ type: 'avatar-switched', file: 'mira.yaml' })
    expect(memory.snapshot()).toBeUndefined()
  })

  it('keeps the latest model and file, and ignores other events', () => {
    const memory = new AvatarMemory()
    memory.note({ type: 'avatar-model', model: model('Mira') })
    expect(memory.snapshot()).toEqual({ model: model('Mira') })
    memory.note({ type: 'avatar-model', model: model('Shizuku') })
    memory.note({ type: 'avatar-switched', file: 'shizuku.yaml' })
    memory.note({ type: 'avatar-switched' })
    memory.note({ type: 'avatar-configs', configs: [] })
    expect(memory.snapshot()).toEqual({ model: model('Shizuku'), file: 'shizuku.yaml' })
  })
})
