import type { Result } from '#contract'
import type { EventListener, Transport } from './transport'

interface Pending {
  resolve(result: Result<unknown>): void
}

export interface WebSocketTransportOptions {
  readonly url: string
  /** Injected in tests; the browser's WebSocket otherwise. */
  readonly WebSocketImpl?: typeof WebSocket
  readonly onStatus?: (status: 'connecting' | 'open' | 'closed') => void
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
  let nextId = 1
  let socket: WebSocket
  let retryDelay = 250

  const connect = () => {
    options.onStatus?.('connecting')
    socket = new WebSocketImpl(options.url)
    socket.onopen = () => {
      retryDelay = 250
      options.onStatus?.('open')
      for (const message of queue.splice(0)) socket.send(message)
    }
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
    socket.onclose = () => {
      options.onStatus?.('closed')
      for (const call of pending.values()) call.resolve(disconnected)
      pending.clear()
      setTimeout(connect, retryDelay)
      retryDelay = Math.min(retryDelay * 2, 5000)
    }
  }
  connect()

  return {
    call(method, input) {
      const id = nextId++
      const message = JSON.stringify({ id, method, input })
      return new Promise((resolve) => {
        pending.set(id, { resolve })
        if (socket.readyState === WebSocketImpl.OPEN) socket.send(message)
        else queue.push(message)
      })
    },
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
