import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { errorShapeSchema, procedureNames, procedures, type ProcedureName } from '#contract'
import { eventNames, events } from '#contract'
import { useServices } from '../support/services'
import { useTempDirs } from '../support/temp-dir'

describe('the IPC contract', () => {
  const tempDir = useTempDirs()
  const services = useServices()

  it('lists exactly the procedures and events it declares, for the preload', () => {
    expect([...procedureNames].sort()).toEqual(Object.keys(procedures).sort())
    expect([...eventNames].sort()).toEqual(Object.keys(events).sort())
  })

  it('names every channel area.verb', () => {
    for (const name of [...procedureNames, ...eventNames]) expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+$/)
  })

  it.each(procedureNames.map((name) => [name]))(
    'answers any malformed payload on %s with the typed error and no exception',
    async (name: ProcedureName) => {
      const { dispatch } = await services({ dataDir: await tempDir() })
      const schema = procedures[name].input
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.jsonValue(), fc.anything()), async (payload) => {
          fc.pre(!schema.safeParse(payload).success)
          const result = await dispatch(name, payload, { transport: 'in-process' })
          expect(result.ok).toBe(false)
          if (result.ok) return
          expect(errorShapeSchema.parse(result.error).code).toBe('invalid_request')
          expect(result.error.details).toMatchObject({ procedure: name })
        }),
        { numRuns: 60 },
      )
    },
  )
})
