import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { readPngText } from '../../../main/services/images/png-metadata'
import { useTempDirs } from '../../support/temp-dir'
import { runImgOpen } from './cli-kit'

const base = {
  prompt: 'a lighthouse at dusk',
  steps: 6,
  width: 128,
  height: 128,
  alwayson_scripts: { sd_model_checkpoint: 'revAnimated_v122_7371.safetensors' },
}

describe('img-open plot (real command, demo profile simulator)', () => {
  const tempDir = useTempDirs()

  it(
    'runs a 3×2 plot, prints the task ids and the grid path, and copies the grid into --out',
    { timeout: 90_000 },
    async () => {
      const dir = await tempDir()
      const params = join(dir, 'base.json')
      await writeFile(params, JSON.stringify(base))
      const env = { IMG_OPEN_DATA_DIR: await tempDir() }
      const out = join(dir, 'plots')
      const run = await runImgOpen(
        [
          'plot',
          '--params',
          params,
          '--x',
          'steps: 10-30 (+10)',
          '--y',
          'cfg_scale: 5, 7',
          '--wait',
          '--json',
          '--out',
          out,
        ],
        env,
      )
      expect(run.stderr).toContain('6/6 cells done')
      expect(run.code).toBe(0)
      const result = JSON.parse(run.stdout) as {
        plot_id: string
        grid: string
        task_ids: string[]
        cells: { label: string; status: string }[]
      }
      expect(result.task_ids).toHaveLength(6)
      expect(result.cells.map((cell) => cell.label)).toEqual([
        'Steps: 10 × CFG Scale: 5',
        'Steps: 20 × CFG Scale: 5',
        'Steps: 30 × CFG Scale: 5',
        'Steps: 10 × CFG Scale: 7',
        'Steps: 20 × CFG Scale: 7',
        'Steps: 30 × CFG Scale: 7',
      ])
      expect(result.grid).toBe(join(out, `plot-${result.plot_id}.png`))
      const png = await readFile(result.grid)
      expect((await sharp(png).metadata()).format).toBe('png')
      expect(readPngText(png).find((entry) => entry.keyword === 'parameters')?.text).toContain(
        'X Type: Steps, X Values: 10-30 (+10), Y Type: CFG Scale, Y Values: "5, 7"',
      )
      const history = JSON.parse((await runImgOpen(['history', '--json'], env)).stdout) as { total: number }
      expect(history.total).toBe(6)
    },
  )

  it(
    'refuses a value out of range, or a big plot without --yes, and sends nothing',
    { timeout: 60_000 },
    async () => {
      const dir = await tempDir()
      const params = join(dir, 'base.json')
      await writeFile(params, JSON.stringify(base))
      const env = { IMG_OPEN_DATA_DIR: await tempDir() }
      const bad = await runImgOpen(['plot', '--params', params, '--x', 'cfg_scale: 7, 45'], env)
      expect(bad.code).toBe(2)
      expect(bad.stderr).toContain('Axis X (CFG Scale): "45" is out of range')
      const big = await runImgOpen(['plot', '--params', params, '--x', 'steps: 1-20'], env)
      expect(big).toMatchObject({ code: 2 })
      expect(big.stderr).toContain('This plot sends 20 tasks (20 images), more than 16: add --yes')
      const unknown = await runImgOpen(['plot', '--params', params, '--x', 'colour: red'], env)
      expect(unknown.code).toBe(2)
      expect(unknown.stderr).toContain('--x "colour: red": write TYPE: VALUES')
      const history = JSON.parse((await runImgOpen(['history', '--json'], env)).stdout) as { total: number }
      expect(history.total).toBe(0)
    },
  )
})
