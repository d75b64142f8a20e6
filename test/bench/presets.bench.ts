import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { presetLibraryFormat, presetLibraryVersion } from '#contract'
import { createLogger, createSecretRedactor } from '../../main/services/logger'
import { createPresetsService } from '../../main/services/presets/presets-service'

/*
 * Preset library figures with a full library (5,000 presets, the cap), on a real temp dir:
 *   1. import of the whole library (parse, validate, one durable write);
 *   2. one filtered page (`presets.list` with two search words and a family), median of 200;
 *   3. one edit (validate, durable replace-by-rename of the whole file), median of 30;
 *   4. opening the library at start-up (read, validate every entry).
 */

const count = 5000
const families = ['sd15', 'sdxl', 'other'] as const
const library = JSON.stringify({
  format: presetLibraryFormat,
  version: presetLibraryVersion,
  presets: Array.from({ length: count }, (_, i) => ({
    kind: i % 4 === 0 ? 'checkpoint' : 'lora',
    displayName: `Model ${i} ${i % 7 === 0 ? 'portrait' : 'landscape'}`,
    fileName: `model_${i}.safetensors`,
    family: families[i % 3],
    tags: [`tag${i % 20}`, 'photo'],
    notes: 'A note of ordinary length describing what this model is good at.',
  })),
})

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0
const ms = (value: number) => `${value.toFixed(2)} ms`

const dir = await mkdtemp(join(tmpdir(), 'img-open-bench-presets-'))
const deps = {
  dataDir: dir,
  clock: Date.now,
  logger: createLogger({ redactor: createSecretRedactor() }),
  starterFile: null,
}
try {
  const service = createPresetsService(deps)
  let started = performance.now()
  await service.importLibrary(library, 'skip')
  process.stdout.write(`import ${count} presets: ${ms(performance.now() - started)}\n`)
  const size = (await stat(join(dir, 'presets.json'))).size
  process.stdout.write(`presets.json: ${(size / 1024 / 1024).toFixed(2)} MiB\n`)

  const listTimes: number[] = []
  for (let i = 0; i < 200; i += 1) {
    started = performance.now()
    await service.list({ text: 'portrait photo', family: 'sdxl', offset: 0, limit: 100 })
    listTimes.push(performance.now() - started)
  }
  process.stdout.write(`filtered page (median of 200): ${ms(median(listTimes))}\n`)

  const page = await service.list({ kind: 'checkpoint', offset: 0, limit: 30 })
  const editTimes: number[] = []
  for (const preset of page.items) {
    started = performance.now()
    await service.setFavourite(preset.id, true)
    editTimes.push(performance.now() - started)
  }
  process.stdout.write(`durable edit (median of ${editTimes.length}): ${ms(median(editTimes))}\n`)
  await service.close()

  const reopened = createPresetsService(deps)
  started = performance.now()
  await reopened.status()
  process.stdout.write(`open at start-up: ${ms(performance.now() - started)}\n`)
} finally {
  await rm(dir, { recursive: true, force: true })
}
