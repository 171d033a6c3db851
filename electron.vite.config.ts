import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'
import { precompiledMessages } from './src/renderer/build/precompiled-messages'
import { vadAssets } from './scripts/vad-assets'

export default defineConfig({
  main: {
    build: {
      // A native addon (optional: the shell falls back to a shortcut without it) stays in node_modules.
      externalizeDeps: { include: ['uiohook-napi'] },
      rolldownOptions: { input: { index: resolve(__dirname, 'src/main/index.ts') } },
    },
  },
  preload: {
    build: {
      // A sandboxed preload must be CommonJS.
      rolldownOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    base: './',
    build: {
      rolldownOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
    plugins: [vue(), precompiledMessages(resolve(__dirname, 'src/renderer/src/i18n/index.ts')), vadAssets(resolve(__dirname, 'node_modules'))],
    // vue-i18n's bundler build: Composition API only, no devtools hooks in production, and no message
    // compiler: the messages are compiled at build time (virtual:mira-messages).
    define: {
      __VUE_I18N_FULL_INSTALL__: 'true',
      __VUE_I18N_LEGACY_API__: 'false',
      __INTLIFY_PROD_DEVTOOLS__: 'false',
      __INTLIFY_DROP_MESSAGE_COMPILER__: 'true',
    },
  },
})
