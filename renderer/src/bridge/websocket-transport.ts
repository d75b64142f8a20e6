import type { Result } from '#contract'
import { callKey, type EarlyConnection } from './early-connection'
import type { EventListener, Transport } from './transport'

interface Pending {
  resolve(result: Result<unknown>): void
}

export interface WebSocketTransportOptions {
  readonly url: string
  /** Injected in tests; the browser's WebSocket otherwise. */
  readonly WebSocketImpl?: typeof WebSocket
  readonly onStatus?: (status: 'connecting' | 'open' | 'closed') => void
  /**
   * The connection early/early-socket.ts opened to the same url before this transport existed: its
   * socket is the first connection (instead of opening one), its answers go to the first matching
   * calls. Events it received before have no listener here to go to.
   */
  readonly adopt?: EarlyConnection
}

const disconnected: Result<never> = {
  ok: false,
  error: { code: 'network', message: 'The connection to the app was lost. Reconnecting…' },
}

/**
 * The browser edition's transport. Calls made while (re)connecting wait for the socket; a call in
 * flight when the socket drops fails with `network` rather than hanging. Reconnects with backoff.
 */
export function createWebSocketTransport(options: WebSocketTransportOptions): Transport {
  const WebSocketImpl = options.WebSocketImpl ?? WebSocket
  const pending = new Map<number, Pending>()
  const listeners = new Set<EventListener>()
  const queue: string[] = []
  let nextId = options.adopt?.nextId ?? 1
  const earlyAnswers = options.adopt?.answers ?? new Map<string, Promise<Result<unknown> | undefined>>()
  let socket: WebSocket
  let retryDelay = 250

  let adopt = options.adopt
  const connect = () => {
    options.onStatus?.('connecting')
    socket = adopt?.socket ?? new WebSocketImpl(options.url)
    const opened = () => {
      retryDelay = 250
      options.onStatus?.('open')
      for (const message of queue.splice(0)) socket.send(message)
    }
    socket.onopen = opened
    socket.onmessage = (message) => {
      let data: unknown
      try {
        data = JSON.parse(String(message.data))
      } catch {
        return
      }
      if (typeof data !== 'object' || data === null) return
      const record = data as Record<string, unknown>
      if (typeof record.event === 'string') {
        for (const listener of listeners) listener(record.event, record.payload)
      } else if (typeof record.id === 'number') {
        pending.get(record.id)?.resolve(record.result as Result<unknown>)
        pending.delete(record.id)
      }
    }
    const closed = () => {
      options.onStatus?.('closed')
      for (const call of pending.values()) call.resolve(disconnected)
      pending.clear()
      setTimeout(connect, retryDelay)
      retryDelay = Math.min(retryDelay * 2, 5000)
    }
    socket.onclose = closed
    if (adopt) {
      adopt = undefined
      if (socket.readyState === WebSocketImpl.OPEN) opened()
      // Closed before it was adopted: its close event has passed, so reconnect as onclose would.
      else if (socket.readyState === WebSocketImpl.CLOSED) closed()
    }
  }
  connect()

  const send = (method: string, input: unknown): Promise<Result<unknown>> => {
    const id = nextId++
    const message = JSON.stringify({ id, method, input })
    return new Promise((resolve) => {
      pending.set(id, { resolve })
      if (socket.readyState === WebSocketImpl.OPEN) socket.send(message)
      else queue.push(message)
    })
  }

  return {
    call(method, input) {
      const key = callKey(method, input)
      const early = earlyAnswers.get(key)
      if (!early) return send(method, input)
      earlyAnswers.delete(key)
      return early.then((answer) => answer ?? send(method, input))
    },
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
