import { existsSync, readFileSync } from 'node:fs'
import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { procedureNames } from '#contract'

const builtPreload = new URL('../../../out/preload/index.cjs', import.meta.url)
const builtMain = new URL('../../../out/main/index.js', import.meta.url)

/** Runs the built preload against a fake Electron and returns what it put on the page. */
function exposedBridge() {
  const exposed: Record<string, unknown> = {}
  const invoked: unknown[][] = []
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
    ipcRenderer: {
      invoke: (...args: unknown[]) => invoked.push(args),
      on: () => undefined,
      removeListener: () => undefined,
    },
  }
  const require = (id: string) => {
    if (id === 'electron') return electron
    throw new Error(`preload required ${id}`)
  }
  runInNewContext(readFileSync(builtPreload, 'utf8'), { require, exports: {}, module: { exports: {} } })
  return { exposed, invoked }
}

describe('the built preload (npm run build)', () => {
  it('exists', () => {
    expect(existsSync(builtPreload)).toBe(true)
  })

  it('exposes one global with exactly the contract methods and onEvent, never ipcRenderer', () => {
    const { exposed } = exposedBridge()
    expect(Object.keys(exposed)).toEqual(['imgOpen'])
    const bridge = exposed.imgOpen as { procedures: Record<string, unknown>; onEvent: unknown }
    expect(Object.keys(bridge).sort()).toEqual(['onEvent', 'procedures'])
    expect(Object.keys(bridge.procedures).sort()).toEqual([...procedureNames].sort())
    expect(JSON.stringify(Object.keys(bridge))).not.toContain('ipcRenderer')
  })

  it('sends each method on its own channel only', () => {
    const { exposed, invoked } = exposedBridge()
    const bridge = exposed.imgOpen as { procedures: Record<string, (input: unknown) => unknown> }
    bridge.procedures['app.echo']?.({ text: 'x' })
    expect(invoked).toEqual([['app.echo', { text: 'x' }]])
  })

  it('loads no module but electron (the sandbox allows nothing else)', () => {
    const source = readFileSync(builtPreload, 'utf8')
    const required = [...source.matchAll(/require\(["']([^"']+)["']\)/g)].map((match) => match[1])
    expect(required).toEqual(['electron'])
  })

  it('builds the Electron entry with the hardened window and the app:// protocol', () => {
    const source = readFileSync(builtMain, 'utf8')
    expect(source).toMatch(/contextIsolation:\s*true/)
    expect(source).toMatch(/sandbox:\s*true/)
    expect(source).toMatch(/nodeIntegration:\s*false/)
    expect(source).toContain('registerSchemesAsPrivileged')
    expect(source).toContain('requestSingleInstanceLock')
    expect(source).not.toMatch(/loadFile\(|file:\/\//)
  })
})
