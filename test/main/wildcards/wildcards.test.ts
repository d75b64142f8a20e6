import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  text2ImageParamsSchema,
  type ProcedureInput,
  type ProcedureName,
  type ProcedureOutput,
  type Result,
} from '#contract'
import type { Services } from '../../../main/services/create-services'
import { sd } from '../sd-task'
import { useServices } from '../../support/services'
import { useTempDirs } from '../../support/temp-dir'

async function call<K extends ProcedureName>(
  services: Services,
  name: K,
  input: ProcedureInput<K>,
): Promise<Result<ProcedureOutput<K>>> {
  return (await services.dispatch(name, input, { transport: 'in-process' })) as Result<ProcedureOutput<K>>
}

async function value<K extends ProcedureName>(services: Services, name: K, input: ProcedureInput<K>) {
  const result = await call(services, name, input)
  if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`)
  return result.value
}

describe('wildcards folder and prompt expansion', () => {
  const tempDir = useTempDirs()
  const openServices = useServices()

  async function servicesWithWildcards() {
    const dataDir = await tempDir()
    const dir = join(dataDir, 'wildcards')
    await mkdir(join(dir, 'animals'), { recursive: true })
    await writeFile(join(dir, 'colours.txt'), '# warm and cold\nred\n\n  blue  \r\n')
    await writeFile(join(dir, 'animals', 'pets.txt'), 'cat\n__animals/wild__ pup\n')
    await writeFile(join(dir, 'animals', 'wild.txt'), 'fox\n')
    await writeFile(join(dir, 'notes.md'), 'not a wildcard')
    return { services: await openServices({ dataDir }), dir }
  }

  it('lists the wildcard names of <data>/wildcards, nested folders with /', async () => {
    const { services, dir } = await servicesWithWildcards()
    expect(await value(services, 'wildcards.list', {})).toEqual({
      dir,
      folder: null,
      names: ['animals/pets', 'animals/wild', 'colours'],
    })
  })

  it('reads the folder set in Settings for completion and expansion, and keeps it across a restart', async () => {
    const { services, dir } = await servicesWithWildcards()
    const mine = await tempDir()
    await mkdir(join(mine, 'people'), { recursive: true })
    await writeFile(join(mine, 'people', 'hats.txt'), 'beret\n')
    const set = await value(services, 'wildcards.configure', { folder: mine })
    expect(set).toEqual({ dir: mine, folder: mine, names: ['people/hats'] })
    expect(
      (
        await value(services, 'prompts.expand', {
          template: 'a __people/hats__',
          mode: 'combinatorial',
          count: 5,
        })
      ).prompts,
    ).toEqual(['a beret'])
    const dataDir = join(dir, '..')
    await services.close()
    const again = await openServices({ dataDir })
    expect(await value(again, 'wildcards.list', {})).toEqual({
      dir: mine,
      folder: mine,
      names: ['people/hats'],
    })
    expect(await value(again, 'wildcards.configure', { folder: null })).toMatchObject({ dir, folder: null })
  })

  it('refuses a relative or missing folder, naming the field, and keeps the one in use', async () => {
    const { services, dir } = await servicesWithWildcards()
    for (const folder of ['wildcards', join(dir, 'nope')]) {
      const result = await call(services, 'wildcards.configure', { folder })
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'invalid_request', details: { field: 'folder' } },
      })
    }
    expect(await value(services, 'wildcards.list', {})).toMatchObject({ dir, folder: null })
  })

  it('expands a template with the files, leaving out comments and blank lines', async () => {
    const { services } = await servicesWithWildcards()
    const result = await value(services, 'prompts.expand', {
      template: 'a __colours__ __animals/pets__',
      mode: 'combinatorial',
      count: 10,
    })
    expect(result).toEqual({
      prompts: ['a red cat', 'a red fox pup', 'a blue cat', 'a blue fox pup'],
      total: 4,
      totalCapped: false,
    })
  })

  it('answers a typed error naming an unknown wildcard and its position', async () => {
    const { services } = await servicesWithWildcards()
    const result = await call(services, 'prompts.expand', {
      template: 'a __hats__',
      mode: 'random',
      count: 2,
    })
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_request',
        details: { field: 'template', syntax: 'unknown_wildcard', position: 2, wildcard: 'hats' },
      },
    })
  })

  it('reports a total past 2^53 as capped rather than a wrong number', async () => {
    const { services } = await servicesWithWildcards()
    const result = await value(services, 'prompts.expand', {
      template: '{a|b|c|d|e|f|g|h|i|j}'.repeat(20),
      mode: 'combinatorial',
      count: 3,
    })
    expect(result.prompts).toHaveLength(3)
    expect(result.totalCapped).toBe(true)
  })

  it('keeps the template on the task record and writes it into the infotext', async () => {
    const { services } = await servicesWithWildcards()
    const params = text2ImageParamsSchema.parse({
      prompt: 'a red cat, studio',
      steps: 2,
      alwayson_scripts: { sd_model_checkpoint: 'revAnimated_v122_7371.safetensors' },
    })
    const template = 'a {red|blue} cat, studio'
    const { taskId } = await value(services, 'tasks.submit', {
      kind: 'text2image',
      profileId: 'demo',
      promptTemplate: template,
      params,
    })
    const record = await value(services, 'history.get', { id: taskId })
    expect(record.promptTemplate).toBe(template)
    expect(sd(record).params.prompt).toBe('a red cat, studio')
    const { text } = await value(services, 'history.infotext', { id: taskId })
    expect(text.split('\n')[0]).toBe('a red cat, studio')
    expect(text).toContain('Template: "a {red|blue} cat, studio"')
    await expect
      .poll(async () => (await value(services, 'history.get', { id: taskId })).status, {
        timeout: 15_000,
        interval: 200,
      })
      .toBe('succeeded')
  })
})
