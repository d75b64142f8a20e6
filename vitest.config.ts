import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

/*
 * Four projects: main-process modules in Node (and the CLI suite once more on the built CLI), renderer components in jsdom, and end-to-end tests
 * that drive the built renderer in Debian's Chromium against the real services. `npm test` runs all.
 */
export default defineConfig({
  test: {
    globals: true,
    // The AWS SDK's documented switch for its Node 20 end-of-support notice (aws/aws-sdk-js-v3#7983),
    // which would otherwise print into every test run that builds an S3 client; other warnings stay.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
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
        // The CLI suite again, run against the compiled CLI (out/main/cli.js; npm test builds it first).
        extends: true,
        test: {
          name: 'cli-built',
          environment: 'node',
          include: ['test/main/cli/**/*.test.ts'],
          env: { IMG_OPEN_TEST_CLI: 'built' },
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
