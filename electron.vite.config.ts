import { createHash } from 'node:crypto'
import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import { build as esbuild } from 'esbuild'
import type { Plugin } from 'vite'

/**
 * Libraries that change together get one long-cached chunk each; the CodeMirror chunk loads after
 * the first paint (the prompt box is plain text until then, PromptEditor.tsx).
 */
const vendorChunks = [
  ['codemirror', /[\\/]node_modules[\\/](@codemirror|@lezer|crelt|style-mod|w3c-keyname)[\\/]/],
  ['react', /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/],
  ['i18n', /[\\/]node_modules[\\/](i18next|react-i18next|html-parse-stringify|void-elements)[\\/]/],
  ['zod', /[\\/]node_modules[\\/]zod[\\/]/],
] as const satisfies ReadonlyArray<readonly [string, RegExp]>

const vendorChunk = (id: string): string | undefined => vendorChunks.find(([, test]) => test.test(id))?.[0]

/**
 * The contract's modules only define (schemas, tables, functions: no statement runs for its effect),
 * but rollup cannot tell a top-level `z.object(…)` from a call with effects, so every module the
 * `#contract` barrel re-exports was bundled and its schemas built at start-up, whether the renderer
 * used them or not (a third of the entry's JS time, issue 13 §10). Declared free of side effects, a
 * module none of whose exports the renderer uses is left out.
 */
const contractModule = /[\\/]main[\\/]contract[\\/]/
const moduleSideEffects = (id: string): boolean => !contractModule.test(id)

/**
 * The browser edition's connection opens before the app's module chunks have loaded: a classic
 * async script of its own, first in index.html (renderer/src/early/early-socket.ts, issue 13 §10).
 * Classic, not a module: a module script waited for its turn in the background parser behind the
 * app's large chunks and ran anywhere from 100 to 240 ms after navigation; when it ran after the
 * entry had begun to evaluate, the socket's open event waited for that long task and the first
 * screen rendered without the profile's data. Bundled on its own (the few lines it shares with the
 * entry are in both files); a plain `<script src>`, as the CSP allows only the app's own files.
 */
const earlySocketScript = (): Plugin => {
  let fileName = ''
  return {
    name: 'img-open:early-socket',
    apply: 'build',
    async buildStart() {
      const built = await esbuild({
        entryPoints: [resolve('renderer/src/early/early-socket.ts')],
        bundle: true,
        format: 'iife',
        minify: true,
        target: 'es2022',
        write: false,
      })
      const source = built.outputFiles[0]?.text
      if (source === undefined) throw new Error('the early-socket script was not built')
      const hash = createHash('sha256').update(source).digest('base64url').slice(0, 8)
      fileName = `assets/early-socket-${hash}.js`
      this.emitFile({ type: 'asset', fileName, source })
    },
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        { tag: 'script', attrs: { async: true, src: `./${fileName}` }, injectTo: 'head-prepend' },
      ],
    },
  }
}

/** Dependencies bundled into the main-process output (see `externalizeDeps` below). */
const bundledDeps = ['zod', 'commander', 'csv-parse', 'csv-stringify']

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // Three entries share their chunks: the app, the `img-open` CLI (out/main/cli.js, run by Node
      // in a checkout and by the app's own binary once installed) and the launch switch between them.
      lib: {
        entry: {
          launch: resolve('main/launch.ts'),
          index: resolve('main/index.ts'),
          cli: resolve('main/cli/main.ts'),
        },
      },
      // keytar is a native optional dependency: loaded from node_modules at run time (rebuilt for
      // Electron there), never bundled, so a machine without it still builds and starts. Pure-JS
      // libraries of many small files are bundled instead: zod alone was 100 files resolved and
      // compiled one by one at each `img-open` start (issue 17 §3). Natives, undici and the AWS SDK
      // (loaded on first use) stay external.
      externalizeDeps: { include: ['keytar'], exclude: bundledDeps },
      // As in the renderer: a contract module none of whose exports a chunk uses is left out, so
      // `img-open history` builds the task schemas it reads, not every IPC and endpoint schema.
      rollupOptions: { treeshake: { moduleSideEffects } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      lib: { entry: resolve('preload/index.ts') },
      // A sandboxed preload cannot load ES modules, so it is bundled as one CommonJS file.
      rollupOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: resolve('renderer'),
    // Catalogs as JSON.parse strings: parsed much faster than the same object literals.
    json: { stringify: true },
    plugins: [react(), earlySocketScript()],
    build: {
      outDir: resolve('out/renderer'),
      // electron-vite leaves the renderer unminified by default; minified it loads in half the time.
      minify: 'esbuild',
      rollupOptions: {
        input: { index: resolve('renderer/index.html') },
        output: { manualChunks: vendorChunk },
        treeshake: { moduleSideEffects },
      },
    },
  },
})
