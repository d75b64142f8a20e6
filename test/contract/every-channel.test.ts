import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { errorShapeSchema, procedureNames, procedures, type ProcedureName } from '#contract'
import { eventNames, events } from '#contract'
import { useBrowserBridge } from '../support/browser-edition'
import { transportKinds, transportOver, type TransportKind } from '../support/contract-transports'
import { useServices } from '../support/services'
import { useTempDirs } from '../support/temp-dir'

describe('the IPC contract', () => {
  it('lists exactly the procedures and events it declares, for the preload', () => {
    expect([...procedureNames].sort()).toEqual(Object.keys(procedures).sort())
    expect([...eventNames].sort()).toEqual(Object.keys(events).sort())
  })

  it('names every channel area.verb', () => {
    for (const name of [...procedureNames, ...eventNames]) expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+$/)
  })
})

// The same fuzz run over every way the renderer reaches main, so the browser edition and the
// desktop app cannot drift: each must give the typed error, never an exception or a hang.
describe.each(transportKinds.map((kind) => [kind]))(
  'every channel over the %s transport',
  (kind: TransportKind) => {
    const tempDir = useTempDirs()
    const services = useServices()
    const startBridge = useBrowserBridge()

    it.each(procedureNames.map((name) => [name]))(
      'answers any malformed payload on %s with the typed error and no exception',
      async (name: ProcedureName) => {
        const { transport, onTheWire } = await transportOver(
          kind,
          await services({ dataDir: await tempDir() }),
          startBridge,
        )
        const schema = procedures[name].input
        await fc.assert(
          fc.asyncProperty(fc.oneof(fc.jsonValue(), fc.anything()), async (payload) => {
            // What main receives after the road (JSON drops undefined): that must be malformed.
            fc.pre(!schema.safeParse(onTheWire(payload)).success)
            const result = await transport.call(name, payload)
            expect(result.ok).toBe(false)
            if (result.ok) return
            expect(errorShapeSchema.parse(result.error).code).toBe('invalid_request')
            expect(result.error.details).toMatchObject({ procedure: name })
          }),
          { numRuns: kind === 'in-process' ? 60 : 30 },
        )
      },
    )
  },
)
