import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

/*
 * Three projects: main-process modules in Node, renderer components in jsdom, and end-to-end tests
 * that drive the built renderer in Debian's Chromium against the real services. `npm test` runs all.
 */
export default defineConfig({
  test: {
    globals: true,
    projects: [
      {
        extends: true,
        test: {
          name: 'main',
          environment: 'node',
          include: ['test/main/**/*.test.ts', 'test/contract/**/*.test.ts', 'test/prompt/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        plugins: [react()],
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['test/renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['test/renderer/setup.ts'],
          // Mounting the whole workbench in jsdom takes seconds on a loaded two-core machine.
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One Chromium at a time: two cores.
          fileParallelism: false,
        },
      },
    ],
  },
})
