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

const tokenKey = 'img-open.bridge-token'

/**
 * The browser edition passes its per-launch token in the URL. Keep it for this tab only and take it
 * out of the address bar so it does not end up in screenshots or shared links.
 */
function takeBridgeToken(): string {
  const url = new URL(window.location.href)
  const fromUrl = url.searchParams.get('token')
  if (fromUrl) {
    sessionStorage.setItem(tokenKey, fromUrl)
    url.searchParams.delete('token')
    window.history.replaceState(null, '', url.toString())
    return fromUrl
  }
  return sessionStorage.getItem(tokenKey) ?? ''
}

/**
 * Picks the Electron preload bridge when present, else the browser edition's WebSocket; either way
 * events reach the UI once per animation frame (frame-events.ts).
 */
export function createDefaultTransport(
  onStatus?: (status: 'connecting' | 'open' | 'closed') => void,
): Transport {
  if (window.imgOpen) return withFrameEvents(createElectronTransport(window.imgOpen))
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws'
  // The socket early/early-socket.ts opened while the app's chunks loaded, if that script ran.
  const adopt = window.imgOpenEarly
  delete window.imgOpenEarly
  const token = encodeURIComponent(takeBridgeToken())
  return withFrameEvents(
    createWebSocketTransport({
      url: `${scheme}://${window.location.host}/bridge?token=${token}`,
      onStatus,
      adopt,
    }),
  )
}

export { createClient, type Client }
export { BridgeError } from './client'
export { withWarmCalls, type WarmCall } from './warm-calls'
