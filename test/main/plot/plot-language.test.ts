import { readFile } from 'node:fs/promises'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import type { PlotRecord } from '#contract'
import type { Services } from '../../../main/services/create-services'
import { readPngText } from '../../../main/services/images/png-metadata'
import { composeGrid } from '../../../main/services/plot/grid-compose'
import { findLabelFontFile } from '../../../main/services/plot/label-font'
import { axisLabels, cellLabel } from '../../../main/services/plot/plot-labels'
import { useServices } from '../../support/services'
import { useTempDirs } from '../../support/temp-dir'

/*
 * The grid image is drawn in main, so a plot started from the Chinese UI says so with its request
 * and gets Chinese axis labels; its infotext keeps A1111's English names (other tools parse it).
 */

const ctx = { transport: 'in-process' } as const
const base = {
  kind: 'text2image',
  params: {
    prompt: 'a lighthouse at dusk',
    steps: 8,
    width: 128,
    height: 128,
    alwayson_scripts: { sd_model_checkpoint: 'revAnimated_v122_7371.safetensors' },
  },
} as const

async function call<T>(services: Services, name: string, input: unknown): Promise<T> {
  const result = await services.dispatch(name, input, ctx)
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`)
  return result.value as T
}

/** The grid's column-label band (above the cells): the only place an X-only grid has text. */
async function labelBand(png: Buffer, cellHeight: number): Promise<Buffer> {
  const meta = await sharp(png).metadata()
  const height = meta.height - cellHeight
  return sharp(png).extract({ left: 0, top: 0, width: meta.width, height }).raw().toBuffer()
}

async function gridOf(app: Services, language?: 'en' | 'zh') {
  const started = await call<PlotRecord>(app, 'plot.start', {
    base,
    x: { type: 'steps', values: '10, 20' },
    ...(language ? { language } : {}),
  })
  const done = await app.plots.waitDone(started.id)
  const png = await readFile((await app.images.locate(done.gridCacheKey ?? '')) ?? '')
  return { done, png }
}

describe('a plot started from the Chinese UI', () => {
  const tempDir = useTempDirs()
  const services = useServices()

  it(
    'draws its axis labels in Chinese and keeps its infotext in A1111’s English',
    { timeout: 60_000 },
    async () => {
      const app = await services({ dataDir: await tempDir() })
      const zh = await gridOf(app, 'zh')
      expect(zh.done.language).toBe('zh')
      // Each cell's task names its place by value, so the app can word it in any language.
      const cellTasks = zh.done.cells.map((cell) => app.history.get(cell.taskId ?? '')?.plot?.values)
      expect(cellTasks).toEqual([[{ type: 'steps', value: 10 }], [{ type: 'steps', value: 20 }]])
      // What the same two columns look like when drawn with the Chinese labels directly.
      const fontFile = findLabelFontFile() ?? ''
      const blank = await sharp({ create: { width: 128, height: 128, channels: 3, background: '#808080' } })
        .png()
        .toBuffer()
      const expected = await composeGrid({
        xLabels: ['步数：10', '步数：20'],
        yLabels: [''],
        zLabels: [''],
        cells: [0, 1].map((x) => ({ x, y: 0, z: 0, image: blank })),
        fontFile,
      })
      expect([zh.done.gridWidth, zh.done.gridHeight]).toEqual([expected.width, expected.height])
      expect((await labelBand(zh.png, 128)).equals(await labelBand(expected.png, 128))).toBe(true)
      const en = await gridOf(app)
      expect(en.done.language).toBe('en')
      expect((await labelBand(en.png, 128)).equals(await labelBand(expected.png, 128))).toBe(false)
      const infotext = readPngText(zh.png).find((entry) => entry.keyword === 'parameters')?.text ?? ''
      expect(infotext).toContain('X Type: Steps, X Values: "10, 20"')
    },
  )
})

describe('plot labels of a plot saved before values were kept', () => {
  it('fall back to its English labels', () => {
    const axis = { type: 'steps', text: '10, 20', labels: ['Steps: 10', 'Steps: 20'] } as const
    expect(axisLabels({ ...axis, labels: [...axis.labels] }, 'zh')).toEqual(['Steps: 10', 'Steps: 20'])
    expect(cellLabel({ axes: { x: { ...axis, labels: [...axis.labels] } } }, { x: 1, y: 0, z: 0 })).toBe(
      'Plot · Steps: 20',
    )
    expect(axisLabels({ ...axis, labels: [], values: [10, 20] }, 'zh')).toEqual(['步数：10', '步数：20'])
  })
})
