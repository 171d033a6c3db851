/**
 * The stage's character: picks the renderer for the model in use (the built-in drawing, or a
 * lazily loaded Live2D / VRM adapter), keeps the built-in one with a note when a model cannot be
 * shown, and drives whichever is active through the one adapter interface: expression and state
 * from the avatar's mood, the mouth from the lip-sync signal, the gaze from the pointer. WebGL
 * adapters draw in a frame loop that sleeps while nothing moves and while the page is hidden.
 */
import { onBeforeUnmount, onMounted, ref, shallowRef, watch, type Ref } from 'vue'
import type { AvatarSource } from '../../../shared/avatar/source'
import { messageOf } from '../../../shared/errors'
import { BuiltinAdapter } from '../lib/avatar/adapters/builtin'
import { loadAdapter } from '../lib/avatar/adapters/load'
import { AvatarLoadError, type AvatarAdapter, type AvatarProblemCode } from '../lib/avatar/adapters/types'
import { exposeAvatarHook } from '../lib/avatar/avatar-hook'
import { IDLE_FRAME_MS, RenderLoop } from '../lib/avatar/render-loop'
import { useCharactersStore } from '../stores/characters'
import { useLipSync } from './lip-sync'
import { useAvatarMood } from './use-avatar-mood'

export interface AvatarProblem {
  code: AvatarProblemCode
  detail: string
  kind: 'live2d' | 'vrm'
}

export function useAvatarStage(root: Ref<HTMLElement | undefined>, canvasHost: Ref<HTMLElement | undefined>) {
  const characters = useCharactersStore()
  const builtin = new BuiltinAdapter()
  const webgl = shallowRef<AvatarAdapter>()
  const problem = shallowRef<AvatarProblem>()
  const loading = ref(false)
  const active = (): AvatarAdapter => webgl.value ?? builtin
  const { mood, touch } = useAvatarMood()
  const lipSync = useLipSync()
  const loop = new RenderLoop(
    (dt) => webgl.value?.update(dt) ?? false,
    () => (mood.value.state === 'idle' && lipSync.signal.value.open === 0 ? IDLE_FRAME_MS : 0),
  )
  const reducedMotion = matchMedia('(prefers-reduced-motion: reduce)').matches
  function feed(adapter: AvatarAdapter): void {
    const { expression, weight, state, reaction } = mood.value
    adapter.setExpression(expression, weight)
    adapter.setState(state)
    if (adapter === builtin) builtin.setReaction(reaction)
    const mouth = lipSync.signal.value
    adapter.setMouth(mouth.open, mouth.spread)
  }
  watch(mood, () => {
    feed(active())
    loop.wake()
  })
  const unsubscribe = lipSync.signal.subscribe((mouth) => {
    active().setMouth(mouth.open, mouth.spread)
    loop.wake()
  })
  feed(builtin)

  let generation = 0
  async function show(source: AvatarSource): Promise<void> {
    const mine = ++generation
    webgl.value?.dispose()
    webgl.value = undefined
    problem.value = undefined
    if (source.kind === 'builtin' || !canvasHost.value) return
    loading.value = true
    try {
      if (!characters.loaded) await characters.load()
      const adapter = await loadAdapter(source, canvasHost.value, { runtimes: characters.runtimes, reducedMotion })
      if (mine !== generation) return adapter.dispose()
      // Placed anew while it loaded: the newest placement.
      adapter.configure(characters.source)
      feed(adapter)
      webgl.value = adapter
      loop.wake()
      void pictureOnce(adapter, source)
    } catch (error) {
      if (mine !== generation) return
      // Whatever went wrong, the built-in avatar stays and the note says why.
      problem.value = { kind: source.kind, ...(error instanceof AvatarLoadError ? { code: error.code, detail: error.detail } : { code: 'badFile', detail: messageOf(error) }) }
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  /** The user's own character's first showing gives the Character menu its picture. */
  async function pictureOnce(adapter: AvatarAdapter, source: AvatarSource): Promise<void> {
    const own = characters.characters.find((c) => c.id === characters.chosen)
    if (!own || own.thumbnail || own.url !== source.url || !adapter.thumbnail) return
    const picture = await adapter.thumbnail()
    if (picture) await characters.saveThumbnail(own.id, picture)
  }

  // The same model described anew (a snapshot after a reload) is not loaded twice; placed anew or
  // with another emotion map, it is configured in place.
  watch(
    () => {
      const { scale: _scale, offsetX: _x, offsetY: _y, emotionMap: _map, ...model } = characters.source
      return JSON.stringify(model)
    },
    () => void show(characters.source),
    { flush: 'post' },
  )
  watch(
    () => JSON.stringify([characters.source.scale, characters.source.offsetX, characters.source.offsetY, characters.source.emotionMap]),
    () => {
      webgl.value?.configure(characters.source)
      loop.wake()
    },
  )
  // The runtime the note asked for has arrived: try again.
  watch(
    () => characters.runtimes,
    () => {
      if (problem.value?.code === 'missingCore' || problem.value?.code === 'badCore') void show(characters.source)
    },
  )

  function onPointer(event: PointerEvent): void {
    const box = root.value?.getBoundingClientRect()
    if (!box || !webgl.value) return
    webgl.value.lookAt((event.clientX - box.left) / box.width - 0.5, (event.clientY - box.top) / box.height - 0.5)
    loop.wake()
  }

  /** A click on the character is a poke; moving over it with a button held strokes it (a pat). */
  function onTouch(event: PointerEvent): void {
    if (event.type === 'pointermove' && event.buttons === 0) return
    const box = root.value?.getBoundingClientRect()
    if (!box || !active().hitTest(event.clientX - box.left, event.clientY - box.top)) return
    if (event.type === 'pointerdown' && active().tap?.(event.clientX - box.left, event.clientY - box.top)) loop.wake()
    touch(event.type === 'pointerdown' ? 'poke' : 'pat')
  }

  let resizer: ResizeObserver | undefined
  let hide = (): void => undefined
  onMounted(() => {
    // The drawing fills the stage element; a WebGL canvas its own box (hidden, so empty, while unused).
    resizer = new ResizeObserver(() => {
      if (root.value) builtin.resize(root.value.clientWidth, root.value.clientHeight)
      if (canvasHost.value) webgl.value?.resize(canvasHost.value.clientWidth, canvasHost.value.clientHeight)
      loop.wake()
    })
    if (root.value) resizer.observe(root.value)
    if (canvasHost.value) resizer.observe(canvasHost.value)
    window.addEventListener('pointermove', onPointer, { passive: true })
    root.value?.addEventListener('pointerdown', onTouch)
    root.value?.addEventListener('pointermove', onTouch, { passive: true })
    hide = exposeAvatarHook({
      readout: () => active().readout(),
      freeze: () => loop.freeze(),
      step: (ms) => {
        loop.stepBy(ms)
        return active().readout()
      },
      thaw: () => loop.thaw(),
    })
    void show(characters.source)
  })

  onBeforeUnmount(() => {
    generation++
    unsubscribe()
    resizer?.disconnect()
    window.removeEventListener('pointermove', onPointer)
    root.value?.removeEventListener('pointerdown', onTouch)
    root.value?.removeEventListener('pointermove', onTouch)
    loop.dispose()
    webgl.value?.dispose()
    hide()
  })

  return { builtin, webgl, problem, loading, dismiss: () => (problem.value = undefined) }
}
