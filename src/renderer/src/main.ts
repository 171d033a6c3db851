import { createPinia } from 'pinia'
import { createApp } from 'vue'
import AppShell from './components/AppShell.vue'
import { createHostConnection } from './host'
import { HOST_KEY } from './host/inject'
import { createAppI18n } from './i18n'
import './styles/theme.css'

const app = createApp(AppShell)
app.provide(HOST_KEY, createHostConnection())
app.use(createPinia())
app.use(createAppI18n())
app.mount('#app')
