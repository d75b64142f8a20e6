import { beforeAll, describe, expect, it } from 'vitest'
import type { EarlyConnection } from '../../../renderer/src/bridge/early-connection'
import { workbenchFirstCalls } from '../../../renderer/src/features/workbench/first-calls'

/** Stands in for the page's WebSocket: records what is sent and who listens to messages. */
class RecordingSocket {
  static latest: RecordingSocket | undefined
  readonly sent: Array<{ id: number; method: string }> = []
  readonly listeners = new Map<string, Set<(event: { data?: string }) => void>>()
  readyState = 0
  constructor(readonly url: string) {
    RecordingSocket.latest = this
  }
  addEventListener(type: string, listener: (event: { data?: string }) => void) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set())
    this.listeners.get(type)?.add(listener)
  }
  removeEventListener(type: string, listener: (event: { data?: string }) => void) {
    this.listeners.get(type)?.delete(listener)
  }
  send(data: string) {
    this.sent.push(JSON.parse(data) as { id: number; method: string })
  }
  emit(type: string, data?: unknown) {
    for (const listener of [...(this.listeners.get(type) ?? [])])
      listener({ data: data === undefined ? undefined : JSON.stringify(data) })
  }
}

describe('early/early-socket.ts: the first reads sent before the app has loaded', () => {
  let early: EarlyConnection
  let socket: RecordingSocket
  beforeAll(async () => {
    Object.assign(window, { WebSocket: RecordingSocket })
    await import('../../../renderer/src/early/early-socket')
    const opened = window.imgOpenEarly
    if (!opened || !RecordingSocket.latest) throw new Error('the early script opened no socket')
    early = opened
    socket = RecordingSocket.latest
  })

  it('sends every first read when the socket opens and keeps the answers for the app', async () => {
    socket.emit('open')
    expect(socket.sent.map((request) => request.method)).toEqual(workbenchFirstCalls.map((call) => call.name))
    for (const { id } of socket.sent) socket.emit('message', { id, result: { ok: true, value: id } })
    const answers = [...early.answers.values()]
    expect(await Promise.all(answers)).toEqual(socket.sent.map(({ id }) => ({ ok: true, value: id })))
  })

  it('stops reading the socket once the app has taken every answer (it would parse each message twice)', () => {
    socket.emit('message', { event: 'queue.changed', payload: {} })
    expect(socket.listeners.get('message')?.size).toBe(1)
    early.answers.clear()
    socket.emit('message', { event: 'queue.changed', payload: {} })
    expect(socket.listeners.get('message')?.size).toBe(0)
  })
})
