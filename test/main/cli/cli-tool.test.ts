import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTempDirs } from '../../support/temp-dir'
import { runImgOpen } from './cli-kit'

interface ToolJson {
  task_id: string
  status: string
  images: string[]
  result: Record<string, unknown> | null
}

// Each spawned command starts tsx (about a second of CPU); on a loaded two-core machine that adds up.
describe(
  'img-open tool and request, in a child process against the demo simulator',
  { timeout: 90_000 },
  () => {
    const tempDir = useTempDirs()
    const writeJson = async (dir: string, body: unknown) => {
      const path = join(dir, 'body.json')
      await writeFile(path, JSON.stringify(body))
      return path
    }

    it('lists the tools with their codes and required fields', async () => {
      const listed = await runImgOpen(['tool', '--list'], { IMG_OPEN_DATA_DIR: await tempDir() })
      expect(listed.code).toBe(0)
      expect(listed.stdout).toMatch(/^face\/fusion\s+Multiple face swap\s+sourceUrl, targetUrl$/m)
      expect(listed.stdout).toMatch(/^prompts\/expand\s+.*sourcePrompt, mode$/m)
    })

    it('expands a prompt by its tool code and prints the output as result; Flux by its alias, images copied to --out', async () => {
      const env = { IMG_OPEN_DATA_DIR: await tempDir() }
      const dir = await tempDir()
      const body = await writeJson(dir, {
        sourcePrompt: 'a castle',
        mode: 0,
        sequencesNum: 2,
        businessTaskId: 'mine',
      })
      const run = await runImgOpen(['tool', 'prompts/expand', '--params', body, '--wait', '--json'], env)
      expect(run.code).toBe(0)
      const json = JSON.parse(run.stdout) as ToolJson
      expect(json).toMatchObject({ task_id: expect.stringMatching(/^iow/), status: 'succeeded', images: [] })
      expect(json.result?.prompts).toEqual([
        expect.stringContaining('a castle'),
        expect.stringContaining('a castle'),
      ])
      expect(run.stderr).toContain('businessTaskId')

      const flux = await writeJson(dir, {
        comfyTaskType: 'Flux1DevFP8',
        prompt: 'a kite',
        width: 128,
        height: 96,
      })
      const out = join(dir, 'out')
      const image = await runImgOpen(
        ['tool', 'flux', '--params', flux, '--wait', '--json', '--out', out],
        env,
      )
      expect(image.code).toBe(0)
      const made = JSON.parse(image.stdout) as ToolJson
      expect(made.images).toEqual([expect.stringContaining(out)])
      expect(made.result?.images).toHaveLength(1)
    })

    it('names a field out of range with its range, and an unknown field, exiting 2 before sending', async () => {
      const env = { IMG_OPEN_DATA_DIR: await tempDir() }
      const dir = await tempDir()
      const wrong = await writeJson(dir, { sourcePrompt: 'x', mode: 0, topK: 900 })
      const range = await runImgOpen(['tool', 'expand', '--params', wrong], env)
      expect(range.code).toBe(2)
      expect(range.stderr).toContain('topK')
      expect(range.stderr).toContain('0–250')
      const typo = await writeJson(dir, { sourcePrompt: 'x', mode: 0, stepz: 3 })
      const unknown = await runImgOpen(['tool', 'prompts/expand', '--params', typo], env)
      expect(unknown.code).toBe(2)
      expect(unknown.stderr).toContain('stepz')
      const none = await runImgOpen(['tool', 'no/such', '--params', typo], env)
      expect([none.code, none.stderr.includes('no/such')]).toEqual([2, true])
    })

    it('sends a custom request under the API root and tracks it through the tool query', async () => {
      const env = { IMG_OPEN_DATA_DIR: await tempDir() }
      const body = await writeJson(await tempDir(), { image: 'https://example.invalid/x.png' })
      const refused = await runImgOpen(['request', '../../etc', '--params', body], env)
      expect(refused.code).not.toBe(0)
      expect(refused.stderr).toContain('path')
      const style = await writeJson(await tempDir(), { sourcePrompt: 'a ship', mode: 1 })
      const run = await runImgOpen(
        ['request', 'tool/prompts/expand', '--params', style, '--wait', '--json'],
        env,
      )
      expect(run.code).toBe(0)
      const json = JSON.parse(run.stdout) as ToolJson
      expect(json.status).toBe('succeeded')
      expect(JSON.stringify(json.result)).toContain('a ship')
    })
  },
)
