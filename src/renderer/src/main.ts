import { createPinia } from 'pinia'
import { createApp } from 'vue'
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
app.use(createAppI18n())
app.mount('#app')
