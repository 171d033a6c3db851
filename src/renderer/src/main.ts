import { createPinia } from 'pinia'
import { createApp } from 'vue'
import compiledMessages from 'virtual:mira-messages'
import { I18nInjectionKey } from 'vue-i18n'
import { z } from 'zod'
import AppShell from './components/AppShell.vue'
import { createHostConnection } from './host'
import { HOST_KEY } from './host/inject'
import { createAppI18n } from './i18n'
import './styles/theme.css'

// Zod would probe `new Function` for its fast path; the CSP forbids eval, so say so up front
// instead of leaving a CSP violation report on every start.
z.config({ jitless: true })

const app = createApp(AppShell)
app.provide(HOST_KEY, createHostConnection())
app.use(createPinia())
const i18n = createAppI18n(undefined, compiledMessages)
app.use(i18n)
// Also under the well-known key, for stores that word notices outside components (lib/speech/i18n.ts).
app.provide(I18nInjectionKey, i18n)
app.mount('#app')
