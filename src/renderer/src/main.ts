// First: it configures zod before any module that parses with it runs.
import './zod-config'
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import compiledMessages from 'virtual:mira-messages'
import { I18nInjectionKey } from 'vue-i18n'
import AppShell from './components/AppShell.vue'
import { createHostConnection } from './host'
import { HOST_KEY } from './host/inject'
import { createAppI18n } from './i18n'
import './styles/theme.css'

const app = createApp(AppShell)
app.provide(HOST_KEY, createHostConnection())
app.use(createPinia())
const i18n = createAppI18n(undefined, compiledMessages)
app.use(i18n)
// Also under the well-known key, for stores that word notices outside components (lib/speech/i18n.ts).
app.provide(I18nInjectionKey, i18n)
app.mount('#app')
