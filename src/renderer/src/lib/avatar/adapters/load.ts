/**
 * Picks the renderer for a model and loads it. Live2D and VRM are dynamic imports, each its own
 * chunk, so a start with the built-in avatar never downloads a WebGL engine.
 */
import type { AvatarSource } from '../../../../../shared/avatar/source'
import { AvatarLoadError, type AdapterOptions, type AvatarAdapter, type AvatarModule } from './types'

const modules: Record<'live2d' | 'vrm', () => Promise<AvatarModule>> = {
  vrm: () => import('./vrm/vrm-adapter'),
  live2d: () => import('./live2d/live2d-adapter'),
}

export async function loadAdapter(source: AvatarSource, mount: HTMLElement, options: AdapterOptions): Promise<AvatarAdapter> {
  if (source.kind === 'builtin') throw new Error('The built-in avatar is drawn by the stage itself')
  if (!source.url) throw new AvatarLoadError('notFound', 'no model file')
  const module = await modules[source.kind]()
  return module.createAdapter(source, mount, options)
}
