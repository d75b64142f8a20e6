import { describe, expect, it } from 'vitest'
import type { EventName } from '#contract'
import { useServices } from '../../support/services'
import { useTempDirs } from '../../support/temp-dir'

describe('presets through the composition root', () => {
  const tempDir = useTempDirs()
  const services = useServices()

  it('serves the starter library and pushes presets.changed after a change', async () => {
    const { dispatch, events } = await services({ dataDir: await tempDir() })
    const pushed: EventName[] = []
    events.subscribe((name) => pushed.push(name))
    const ctx = { transport: 'in-process' } as const
    const page = await dispatch('presets.list', { kind: 'vae' }, ctx)
    expect(page).toMatchObject({ ok: true, value: { counts: { vae: 3 } } })
    const created = await dispatch(
      'presets.create',
      { preset: { kind: 'embedding', displayName: 'badhand', fileName: 'badhandv5' } },
      ctx,
    )
    expect(created).toMatchObject({
      ok: true,
      value: { origin: 'user', embedding: { intendedFor: 'prompt' } },
    })
    expect(pushed).toContain('presets.changed')
    const missing = await dispatch('presets.get', { id: 'no-such-id' }, ctx)
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } })
  })
})
