import { bridgeSocketUrl } from './bridge-url'
import { createClient, type Client } from './client'
import { createElectronTransport } from './electron-transport'
import { withFrameEvents } from './frame-events'
import type { PreloadBridge, Transport } from './transport'
import { createWebSocketTransport } from './websocket-transport'

declare global {
  interface Window {
    imgOpen?: PreloadBridge
  }
}

/**
 * Picks the Electron preload bridge when present, else the browser edition's WebSocket; either way
 * events reach the UI in animation frames, at most 20 a second (frame-events.ts).
 */
export function createDefaultTransport(
  onStatus?: (status: 'connecting' | 'open' | 'closed') => void,
): Transport {
  if (window.imgOpen) return withFrameEvents(createElectronTransport(window.imgOpen))
  // The socket early/early-socket.ts opened while the app's chunks loaded, if that script ran.
  const adopt = window.imgOpenEarly
  delete window.imgOpenEarly
  return withFrameEvents(
    createWebSocketTransport({
      url: bridgeSocketUrl(),
      onStatus,
      adopt,
    }),
  )
}

export { createClient, type Client }
export { BridgeError } from './client'
export { withWarmCalls, type WarmCall } from './warm-calls'
