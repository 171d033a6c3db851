import { createPinia } from 'pinia'
import { createApp } from 'vue'
import AppShell from './components/AppShell.vue'
import { createHostConnection } from './host'
import { HOST_KEY } from './host/inject'
import './styles/theme.css'

const app = createApp(AppShell)
app.provide(HOST_KEY, createHostConnection())
app.use(createPinia())
app.mount('#app')
