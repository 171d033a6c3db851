import { onScopeDispose, ref, watch, type Ref } from 'vue'

/** The current time, ticking every `intervalMs` only while `active` is true (countdowns). */
export function useNow(active: Ref<boolean>, intervalMs = 1_000): Ref<number> {
  const now = ref(Date.now())
  let timer: ReturnType<typeof setInterval> | undefined
  const stop = watch(
    active,
    (on) => {
      clearInterval(timer)
      timer = undefined
      now.value = Date.now()
      if (on) timer = setInterval(() => (now.value = Date.now()), intervalMs)
    },
    { immediate: true },
  )
  onScopeDispose(() => {
    stop()
    clearInterval(timer)
  })
  return now
}
