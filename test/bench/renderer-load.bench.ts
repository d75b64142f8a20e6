import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { chromium } from 'playwright-core'
import type { ProcedureOutput } from '#contract'
import { builtRendererDir } from '../support/browser-edition'
import { chromiumPath } from '../support/chromium'
import { createServices } from '../../main/services/create-services'
import { startBrowserBridge } from '../../main/transport/browser-bridge'

/*
 * The renderer's speed goals (issue 13), measured on the BUILT app in out/renderer (this file
 * builds nothing: run `npx electron-vite build` first):
 *   1. initial JavaScript: gzip -9 size of every script index.html loads or preloads (budget 250 KB);
 *   2. load to editor-ready: navigation start → the prompt editor accepts typing with the profile's
 *      data shown (its checkpoint names offered), in headless Chromium,
 *      against a raw one-line page served the same way in the same run (budget 400 ms). Median of 11,
 *      each in a fresh browser context (no cache).
 */

const sizeBudget = 250 * 1024
const loadBudgetMs = 400
const runs = 11

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

async function initialScripts(): Promise<{ files: string[]; gzip: number }> {
  const html = await readFile(join(builtRendererDir, 'index.html'), 'utf8')
  const files = [
    ...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\.\/([^"]+)"/g),
  ]
    .map((match) => match[1])
    .filter((file): file is string => file !== undefined)
    // A script that is also preloaded (the early socket script) is downloaded once.
    .filter((file, index, all) => all.indexOf(file) === index)
  let gzip = 0
  for (const file of files)
    gzip += gzipSync(await readFile(join(builtRendererDir, file)), { level: 9 }).length
  return { files, gzip }
}

/**
 * Records when the first screen is usable, measured in the page (no polling delay): the prompt
 * editor accepts typing and the profile's data is shown: one of its checkpoint presets is offered in
 * a picker (an option with that file name; any datalist option would also match the output-format
 * suggestions, which are there before any data). The prompt box is plain text until CodeMirror has
 * loaded (PromptEditor.tsx); when CodeMirror has taken over is recorded too, for information. A
 * string, not a function: tsx would wrap a function in helpers the page does not have.
 */
const markEditorReady = (checkpoint: string) => `
  new MutationObserver((_, observer) => {
    if (document.querySelector('.cm-editor:not(.prompt-plain) .cm-content')) {
      window.codeMirrorAt = performance.now()
      observer.disconnect()
    }
  }).observe(document, { childList: true, subtree: true })
  new MutationObserver((_, observer) => {
    if (
      document.querySelector('.cm-content[contenteditable="true"]') &&
      document.querySelector('input[list] + datalist option[value=' + ${JSON.stringify(JSON.stringify(checkpoint))} + ']')
    ) {
      window.editorReadyAt = performance.now()
      observer.disconnect()
    }
  }).observe(document, { childList: true, subtree: true, attributes: true })
`

const { files, gzip } = await initialScripts()
process.stdout.write(`initial scripts (${files.length}): ${files.join(', ')}\n`)
process.stdout.write(
  `initial JavaScript, gzip: ${kb(gzip)} (budget ${kb(sizeBudget)}) ${gzip <= sizeBudget ? 'ok' : 'OVER'}\n`,
)

const dataDir = await mkdtemp(join(tmpdir(), 'img-open-bench-load-'))
const services = await createServices({ edition: 'test', version: '0.0.0-bench', dataDir })
const bridge = await startBrowserBridge({
  dispatch: services.dispatch,
  events: services.events,
  logger: services.logger,
  rendererDir: builtRendererDir,
})
// The file name of the profile's first checkpoint preset: the picker must offer it.
const firstCheckpoint = await services.dispatch(
  'presets.list',
  { kind: 'checkpoint', limit: 1 },
  { transport: 'in-process' },
)
const checkpoint = firstCheckpoint.ok
  ? (firstCheckpoint.value as ProcedureOutput<'presets.list'>).items[0]?.fileName
  : undefined
if (checkpoint === undefined) throw new Error('the bench profile has no checkpoint preset to wait for')
const baseline = createServer((_, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
  res.end('<!doctype html><title>baseline</title><p>ready</p>')
})
await new Promise<void>((done) => baseline.listen(0, '127.0.0.1', done))
const baselineUrl = `http://127.0.0.1:${(baseline.address() as AddressInfo).port}/`

const browser = await chromium.launch({
  executablePath: chromiumPath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
})
try {
  const codeMirror: number[] = []
  const measure = async (url: string, app: boolean): Promise<number> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    const page = await context.newPage()
    await page.addInitScript({ content: markEditorReady(checkpoint) })
    await page.goto(url, { waitUntil: 'load' })
    const at = app
      ? await page.waitForFunction(() => (window as unknown as { editorReadyAt?: number }).editorReadyAt)
      : await page.evaluateHandle(() => performance.now())
    const value = Number(await at.jsonValue())
    if (app) {
      const full = await page.waitForFunction(
        () => (window as unknown as { codeMirrorAt?: number }).codeMirrorAt,
      )
      codeMirror.push(Number(await full.jsonValue()))
    }
    await context.close()
    return value
  }
  // One warm-up each (Chromium's own first-start costs are not the app's).
  await measure(baselineUrl, false)
  await measure(bridge.url, true)
  const base: number[] = []
  const app: number[] = []
  for (let i = 0; i < runs; i += 1) {
    base.push(await measure(baselineUrl, false))
    app.push(await measure(bridge.url, true))
  }
  const appMs = median(app)
  process.stdout.write(`raw baseline page, load: ${median(base).toFixed(0)} ms (median of ${runs})\n`)
  process.stdout.write(
    `app, load to editor-ready: ${appMs.toFixed(0)} ms (median of ${runs}; budget ${loadBudgetMs} ms) ${appMs <= loadBudgetMs ? 'ok' : 'OVER'}\n`,
  )
  process.stdout.write(
    `app, CodeMirror editor in place of the plain prompt box: ${median(codeMirror.slice(1)).toFixed(0)} ms (median of ${runs}, for information)\n`,
  )
  process.exitCode = gzip <= sizeBudget && appMs <= loadBudgetMs ? 0 : 1
} finally {
  await browser.close()
  await bridge.close()
  await new Promise((done) => baseline.close(done))
  await services.close()
  await rm(dataDir, { recursive: true, force: true })
}
