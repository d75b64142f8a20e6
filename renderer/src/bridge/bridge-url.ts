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
 * The browser edition's WebSocket address with this tab's token. A module without imports: the early
 * script (early/early-socket.ts) and the entry's transport (bridge/index.ts) both use it.
 */
export function bridgeSocketUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws'
  return `${scheme}://${window.location.host}/bridge?token=${encodeURIComponent(takeBridgeToken())}`
}
