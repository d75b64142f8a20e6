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
