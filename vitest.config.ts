import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

export default defineConfig({
  plugins: [vue()],
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    environment: 'node',
    // Last resorts only: tests wait on events, and CI may run them on a machine at load 15.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: one file per core.
    maxWorkers: 2,
  },
})
