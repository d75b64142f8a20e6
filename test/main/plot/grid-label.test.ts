import { execFile } from 'node:child_process'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const run = promisify(execFile)

/** A fontconfig setup that knows no installed font at all: only what the app loads itself. */
async function noFontsConfig(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'plot-fonts-'))
  const file = join(dir, 'fonts.conf')
  await writeFile(
    file,
    `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><cachedir>${dir}/cache</cachedir></fontconfig>`,
  )
  return file
}

interface Ink {
  inked: number
  inkHeight: number
}

async function labelInk(label: string): Promise<Ink> {
  const env = { ...process.env, FONTCONFIG_FILE: await noFontsConfig(), FONTCONFIG_PATH: '' }
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', 'test/main/plot/render-cjk-grid.ts', label],
    {
      env,
      timeout: 60_000,
    },
  )
  return JSON.parse(stdout) as Ink
}

describe('plot labels on a machine with no font installed', () => {
  it('draws a Chinese axis label with the shipped font', async () => {
    const phrase = await labelInk('检查点：写实模型')
    expect(phrase.inked).toBeGreaterThan(300)
    expect(phrase.inkHeight).toBeGreaterThanOrEqual(10)
    // 一 is one horizontal stroke: a few rows of ink. A missing glyph would draw a box as tall as
    // the line (17 rows at this size), so this tells a real glyph from a fallback box.
    const one = await labelInk('一')
    expect(one.inked).toBeGreaterThan(0)
    expect(one.inkHeight).toBeLessThanOrEqual(4)
  }, 120_000)
})

describe('grid layout', () => {
  it('puts z sub-grids side by side and marks a failed cell grey with its reason', async () => {
    const { composeGrid } = await import('../../../main/services/plot/grid-compose')
    const { findLabelFontFile } = await import('../../../main/services/plot/label-font')
    const sharp = (await import('sharp')).default
    const red = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#ff0000' } })
      .png()
      .toBuffer()
    const grid = await composeGrid({
      xLabels: ['a', 'b'],
      yLabels: [''],
      zLabels: ['one', 'two'],
      cells: [
        { x: 0, y: 0, z: 0, image: red },
        { x: 1, y: 0, z: 0, image: red },
        { x: 0, y: 0, z: 1, image: red },
        { x: 1, y: 0, z: 1, image: null, failure: 'GPU lost' },
      ],
      fontFile: findLabelFontFile() ?? '',
    })
    const { data, info } = await sharp(grid.png).raw().toBuffer({ resolveWithObject: true })
    expect(info.channels).toBe(3)
    const pixel = (x: number, y: number) => [
      ...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3),
    ]
    // Each sub-grid: two 64 px columns; 16 px between the two sub-grids.
    expect(grid.width).toBe(64 * 4 + 16)
    const bottom = grid.height - 2
    expect(pixel(2, bottom)).toEqual([255, 0, 0])
    expect(pixel(64 * 2 + 16 + 2, bottom)).toEqual([255, 0, 0])
    expect(pixel(64 * 3 + 16 + 2, bottom)).toEqual([229, 229, 229])
  })
})
