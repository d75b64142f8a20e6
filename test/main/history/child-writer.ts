import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const fixture = fileURLToPath(new URL('./fixtures/history-writer.ts', import.meta.url))

/** A history writer in its own process, with the complete lines it has printed so far. */
export interface ChildWriter {
  readonly process: ChildProcess
  readonly lines: string[]
  /** Resolves once the child printed `ready` (or rejects if it exits first). */
  readonly ready: Promise<void>
  /** Resolves once some printed line starts with `prefix`, or after `timeoutMs` regardless. */
  sawLine(prefix: string, timeoutMs: number): Promise<boolean>
  /** SIGKILL, then wait until the process is gone and its output read to the end. */
  kill(): Promise<void>
  exited: Promise<number | null>
}

export function startChildWriter(dataDir: string, mode: 'write' | 'hold', prefix: string): ChildWriter {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, dataDir, mode, prefix], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const lines: string[] = []
  let partial = ''
  let onReady: () => void = () => undefined
  const waiters = new Set<{ prefix: string; resolve: (seen: boolean) => void }>()
  const ready = new Promise<void>((resolve) => {
    onReady = resolve
  })
  child.stdout.setEncoding('utf8')
  child.stdout.on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n')
    partial = parts.pop() ?? ''
    for (const line of parts) {
      lines.push(line)
      if (line === 'ready') onReady()
      for (const waiter of waiters) {
        if (!line.startsWith(waiter.prefix)) continue
        waiters.delete(waiter)
        waiter.resolve(true)
      }
    }
  })
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
  const readyOrExit = Promise.race([
    ready,
    exited.then((code) => {
      throw new Error(`writer exited (${code}) before ready: ${lines.join(' | ')}`)
    }),
  ])
  // A writer killed before it was ready is a normal outcome when nobody waits for `ready`.
  readyOrExit.catch(() => undefined)
  return {
    process: child,
    lines,
    ready: readyOrExit,
    exited,
    sawLine(prefix, timeoutMs) {
      if (lines.some((line) => line.startsWith(prefix))) return Promise.resolve(true)
      return new Promise<boolean>((resolve) => {
        const waiter = { prefix, resolve }
        waiters.add(waiter)
        setTimeout(() => {
          waiters.delete(waiter)
          resolve(false)
        }, timeoutMs)
      })
    },
    async kill() {
      child.kill('SIGKILL')
      await exited
    },
  }
}
