import type { Result } from '#contract'
import { bridgeSocketUrl } from '../bridge/bridge-url'
import { callKey, type EarlyConnection } from '../bridge/early-connection'
import { workbenchFirstCalls } from '../features/workbench/first-calls'

/*
 * The browser edition's connection to main, opened by a script of its own that index.html runs as
 * soon as it has arrived (a classic async script; the build adds its tag, electron.vite.config.ts)
 * while the app's chunks are still downloading and compiling: the first screen's reads go out the
 * moment the socket opens, and main's answers wait in the page for the app (issue 13 §10). Sent
 * from the entry chunk, they left only after the app's modules had evaluated (a socket's open event
 * waits for the task that runs them). The entry adopts the socket and the answers (bridge/index.ts), or opens its
 * own connection if this script did not run (dev server, Electron's preload bridge).
 */

const lost: Result<never> = {
  ok: false,
  error: { code: 'network', message: 'The connection to the app was lost. Reconnecting…' },
}

function connect(): EarlyConnection {
  // The token leaves the address bar at once and stays in this tab, where the entry finds it.
  const socket = new WebSocket(bridgeSocketUrl())
  const waiting = new Map<number, (result: Result<unknown> | undefined) => void>()
  const answers = new Map<string, Promise<Result<unknown> | undefined>>()
  let sent = false
  const requests = workbenchFirstCalls.map((call, index) => {
    const id = index + 1
    answers.set(callKey(call.name, call.input), new Promise((resolve) => waiting.set(id, resolve)))
    return JSON.stringify({ id, method: call.name, input: call.input })
  })
  socket.addEventListener('open', () => {
    for (const request of requests) socket.send(request)
    sent = true
  })
  const onMessage = (message: MessageEvent) => {
    // Its part done (every answer in and taken by the entry), this listener stops: it would parse
    // every message a second time for as long as the page is open (a running queue sends hundreds
    // a second).
    if (waiting.size === 0 && answers.size === 0) {
      socket.removeEventListener('message', onMessage)
      return
    }
    let data: unknown
    try {
      data = JSON.parse(String(message.data))
    } catch {
      return
    }
    if (typeof data !== 'object' || data === null) return
    // Something changed before the entry took the answers: they may be out of date, so the entry
    // asks again (after that, bridge/warm-calls.ts does the same for the answers it holds).
    if ('event' in data && typeof data.event === 'string' && data.event.endsWith('.changed')) answers.clear()
    if (!('id' in data) || typeof data.id !== 'number') return
    const resolve = waiting.get(data.id)
    waiting.delete(data.id)
    resolve?.(('result' in data ? data.result : lost) as Result<unknown>)
  }
  socket.addEventListener('message', onMessage)
  socket.addEventListener('close', () => {
    // As the entry's transport does: a read in flight fails, one never sent waits for the next socket.
    for (const resolve of waiting.values()) resolve(sent ? lost : undefined)
    waiting.clear()
  })
  return { socket, answers, nextId: requests.length + 1 }
}

if (!('imgOpen' in window) && /^https?:$/.test(window.location.protocol)) window.imgOpenEarly = connect()
