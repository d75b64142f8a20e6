import { describe, expect, it } from 'vitest'
import { createClient, withWarmCalls } from '../../../renderer/src/bridge'
import { workbenchFirstCalls } from '../../../renderer/src/features/workbench/first-calls'
import { demoProfile } from '../../support/demo-profile'
import { createInProcessMain } from '../../support/in-process-main'

/** Main serving the profile list, counting what reaches it; `active` is what it answers now. */
function mainWithProfiles() {
  let active = 'demo'
  const main = createInProcessMain({
    'profiles.list': () => ({ profiles: [demoProfile], activeProfileId: active }),
  })
  return {
    main,
    setActive: (id: string) => (active = id),
    profileCalls: () => main.inputsOf('profiles.list').length,
  }
}

const warmProfiles = [{ name: 'profiles.list', input: {} }] as const

describe('withWarmCalls: the first screen’s reads sent before the screen has loaded', () => {
  it('sends them at once, and the first identical call takes the answer without asking main again', async () => {
    const { main, profileCalls } = mainWithProfiles()
    const client = withWarmCalls(createClient(main.transport), main.transport, warmProfiles)
    expect(profileCalls()).toBe(1)
    expect((await client.call('profiles.list', {})).activeProfileId).toBe('demo')
    expect(profileCalls()).toBe(1)
    await client.call('profiles.list', {})
    expect(profileCalls()).toBe(2)
  })

  it('asks main again once something changed (a *.changed event) before the screen asked', async () => {
    const { main, setActive, profileCalls } = mainWithProfiles()
    const client = withWarmCalls(createClient(main.transport), main.transport, warmProfiles)
    setActive('other')
    main.emit('profiles.changed', {})
    expect((await client.call('profiles.list', {})).activeProfileId).toBe('other')
    expect(profileCalls()).toBe(2)
  })

  it('warms exactly what the workbench asks for as it mounts', () => {
    const main = createInProcessMain({})
    withWarmCalls(createClient(main.transport), main.transport, workbenchFirstCalls)
    expect(main.calls.map((call) => call.method)).toEqual([
      'presets.list',
      'presets.list',
      'presets.list',
      'presets.list',
      'tasks.active',
      'profiles.list',
    ])
    expect(main.inputsOf('presets.list')).toEqual(
      ['checkpoint', 'vae', 'lora', 'embedding'].map((kind) => ({ kind, limit: 500 })),
    )
  })
})
