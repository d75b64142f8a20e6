import { runInNewContext } from 'node:vm'
import { buildSync } from 'esbuild'
import WebSocket from 'ws'
import type { Dispatch } from '../../main/ipc/dispatcher'
import type { Services } from '../../main/services/create-services'
import { registerProcedures, type IpcMainLike } from '../../main/shell/register-procedures'
import { appOrigin, isTrustedSender } from '../../main/shell/trusted-sender'
import type { BrowserBridge } from '../../main/transport/browser-bridge'
import { createElectronTransport } from '../../renderer/src/bridge/electron-transport'
import type { PreloadBridge, Transport } from '../../renderer/src/bridge/transport'
import { createWebSocketTransport } from '../../renderer/src/bridge/websocket-transport'

/**
 * One way the renderer reaches main, and what the way does to a payload on its road (JSON for the
 * WebSocket, Electron's structured clone for IPC), so a test knows what main actually receives.
 */
export interface TransportUnderTest {
  readonly transport: Transport
  readonly onTheWire: (payload: unknown) => unknown
}

export const transportKinds = ['in-process', 'websocket', 'preload'] as const
export type TransportKind = (typeof transportKinds)[number]

/** The dispatcher called directly, as main's own tests and the CLI do. */
export const inProcessTransport = (dispatch: Dispatch): TransportUnderTest => ({
  transport: {
    call: (method, input) => dispatch(method, input, { transport: 'in-process' }),
    onEvent: () => () => undefined,
  },
  onTheWire: (payload) => payload,
})

/**
 * The browser edition's real renderer transport, over a real socket to the real bridge (token,
 * Origin check and all), as the page in a browser uses it.
 */
export function webSocketTransport(bridge: BrowserBridge): TransportUnderTest {
  class PageWebSocket extends WebSocket {
    constructor(url: string) {
      super(url, { headers: { Origin: bridge.origin } })
      // A browser's WebSocket reports a refused reconnect through onclose, never as a thrown error.
      this.on('error', () => undefined)
    }
  }
  const url = `ws://127.0.0.1:${bridge.port}/bridge?token=${bridge.token}`
  return {
    transport: createWebSocketTransport({
      url,
      WebSocketImpl: PageWebSocket as unknown as typeof globalThis.WebSocket,
    }),
    // The transport sends {id, method, input} as JSON: an undefined input or field is dropped.
    onTheWire: (payload) => (JSON.parse(JSON.stringify({ input: payload })) as { input?: unknown }).input,
  }
}

let bundledPreload: string | null = null
/** preload/index.ts bundled as electron-vite bundles it (one CommonJS file needing only electron). */
function preloadSource(): string {
  bundledPreload ??=
    buildSync({
      entryPoints: ['preload/index.ts'],
      bundle: true,
      format: 'cjs',
      platform: 'node',
      external: ['electron'],
      write: false,
      logLevel: 'silent',
    }).outputFiles[0]?.text ?? ''
  return bundledPreload
}

/**
 * The Electron path without Electron: the real preload, run in its own context against a fake
 * `ipcRenderer` whose invoke structured-clones the payload (as Electron's IPC does) into the real
 * `registerProcedures` wrapper, called from our own top-level frame.
 */
export function preloadTransport(dispatch: Dispatch): TransportUnderTest {
  const channels = new Map<string, Parameters<IpcMainLike['handle']>[1]>()
  const ipcMain: IpcMainLike = { handle: (channel, listener) => channels.set(channel, listener) }
  registerProcedures(ipcMain, dispatch, (frame) => isTrustedSender(frame, [appOrigin]))
  const senderFrame = { url: `${appOrigin}/index.html`, parent: null }
  const ipcRenderer = {
    invoke: async (channel: string, payload: unknown) => {
      const handler = channels.get(channel)
      if (!handler) throw new Error(`No handler registered for '${channel}'`)
      return structuredClone(await handler({ senderFrame }, structuredClone(payload)))
    },
    on: () => undefined,
    removeListener: () => undefined,
  }
  const exposed: Record<string, unknown> = {}
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
    ipcRenderer,
  }
  const require = (id: string) => {
    if (id === 'electron') return electron
    throw new Error(`the preload required ${id}`)
  }
  const module = { exports: {} }
  runInNewContext(preloadSource(), { require, module, exports: module.exports })
  return {
    transport: createElectronTransport(exposed.imgOpen as PreloadBridge),
    onTheWire: (payload) => structuredClone(payload),
  }
}

/** Builds the named transport over one set of services. */
export async function transportOver(
  kind: TransportKind,
  services: Services,
  startBridge: (services: Services) => Promise<BrowserBridge>,
): Promise<TransportUnderTest> {
  if (kind === 'websocket') return webSocketTransport(await startBridge(services))
  if (kind === 'preload') return preloadTransport(services.dispatch)
  return inProcessTransport(services.dispatch)
}
