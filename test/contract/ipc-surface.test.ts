import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { events, procedures } from '#contract'

/*
 * The whole IPC surface (every procedure's input and output, every event's payload) as JSON Schema,
 * committed in ipc-surface.json so that any change to what crosses the bridge shows up as a diff to
 * review. When a change is meant, update the file and commit it with the change:
 *
 *   npx vitest run test/contract/ipc-surface.test.ts -u
 */

const byName = <T>(record: Record<string, T>) =>
  Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))

/**
 * One JSON Schema per side of the bridge, each procedure or event a property of it, so a schema
 * shared by several (a task record, a profile) is written out in each place, so that adding one
 * schema does not renumber every shared reference and the diff shows only what changed. Transforms and
 * refinements have no JSON Schema form: they show as {} rather than fail (their own tests cover them).
 */
const asJsonSchema = (shape: Record<string, z.ZodType>, io: 'input' | 'output') =>
  z.toJSONSchema(z.object(byName(shape)), { io, unrepresentable: 'any', reused: 'inline' })

function ipcSurface() {
  const entries = Object.entries(procedures)
  return {
    procedureInputs: asJsonSchema(Object.fromEntries(entries.map(([name, p]) => [name, p.input])), 'input'),
    procedureOutputs: asJsonSchema(
      Object.fromEntries(entries.map(([name, p]) => [name, p.output])),
      'output',
    ),
    events: asJsonSchema(events, 'output'),
  }
}

describe('the IPC surface', () => {
  it('matches the reviewed snapshot in ipc-surface.json (update with -u, see above)', async () => {
    await expect(`${JSON.stringify(ipcSurface(), null, 2)}\n`).toMatchFileSnapshot('./ipc-surface.json')
  })

  it('describes every procedure and event', () => {
    const surface = ipcSurface()
    const names = (schema: { properties?: Record<string, unknown> }) => Object.keys(schema.properties ?? {})
    expect(names(surface.procedureInputs)).toEqual(Object.keys(procedures).sort())
    expect(names(surface.procedureOutputs)).toEqual(Object.keys(procedures).sort())
    expect(names(surface.events)).toEqual(Object.keys(events).sort())
  })
})
