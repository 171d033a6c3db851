/**
 * The composer's inbox: "Edit and resend" puts a message's text back into the composer. The
 * composer owns what is typed; it takes each request once (`seq` tells a repeat of the same text apart).
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'

export interface DraftRequest {
  text: string
  seq: number
}

export const useDraftStore = defineStore('draft', () => {
  const request = ref<DraftRequest>()
  let seq = 0

  function edit(text: string): void {
    request.value = { text, seq: ++seq }
  }

  return { request, edit }
})
