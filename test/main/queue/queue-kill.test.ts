import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it, vi } from 'vitest'
import { createHistoryStore } from '../../../main/services/history/history-store'
import { createLogger, createSecretRedactor } from '../../../main/services/logger'
import type { Simulator } from '../../../main/simulator/simulator'
import { useSimulators } from '../../support/simulators'
import { useTempDirs } from '../../support/temp-dir'
import { submitsById } from './queue-kit'

const fixture = fileURLToPath(new URL('./fixtures/queue-child.ts', import.meta.url))

interface Child {
  readonly process: ChildProcess
  readonly lines: string[]
  readonly exited: Promise<number | null>
}

function startChild(args: string[]): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const lines: string[] = []
  let partial = ''
  child.stdout.setEncoding('utf8')
  child.stdout.on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n')
    partial = parts.pop() ?? ''
    lines.push(...parts)
  })
  return { process: child, lines, exited: new Promise((resolve) => child.on('close', resolve)) }
}

async function kill(child: Child): Promise<void> {
  child.process.kill('SIGKILL')
  await child.exited
}

const submitCount = (simulator: Simulator) =>
  [...submitsById(simulator).values()].reduce((sum, count) => sum + count, 0)

/** Waits (polling, no fixed sleep) until the simulator has seen `count` submits in all. */
const untilSubmits = (simulator: Simulator, count: number) =>
  vi.waitFor(
    () => {
      if (submitCount(simulator) < count) throw new Error(`${submitCount(simulator)} of ${count} submits`)
    },
    { timeout: 60_000, interval: 5 },
  )

describe('the queue under kill -9', () => {
  const tempDir = useTempDirs()
  const startSimulator = useSimulators()

  it('resumes after each kill and sends every queued task exactly once', { timeout: 240_000 }, async () => {
    const simulator = await startSimulator({ timing: { queueMs: 40, msPerStep: 15 } })
    const dataDir = await tempDir()
    const total = 12
    // Run 1 queues everything and is killed once a couple of tasks reached the service.
    const first = startChild([dataDir, simulator.url, 'submit', String(total)])
    await untilSubmits(simulator, 2)
    await kill(first)
    const queued = first.lines.filter((line) => line.startsWith('queued ')).map((line) => line.slice(7))
    expect(queued.length).toBeGreaterThan(0)
    // Later runs only resume; each is killed as soon as one more submit arrived, mid-queue.
    for (let run = 0; run < 4 && submitCount(simulator) < queued.length; run += 1) {
      const seen = submitCount(simulator)
      const child = startChild([dataDir, simulator.url, 'resume'])
      await untilSubmits(simulator, seen + 1)
      await kill(child)
    }
    const last = startChild([dataDir, simulator.url, 'finish'])
    expect(await last.exited).toBe(0)
    expect(last.lines).toContain('done')

    const counts = submitsById(simulator)
    // Every task the service ever saw was sent once, and every acknowledged submit was sent.
    expect([...counts.values()].every((count) => count === 1)).toBe(true)
    for (const taskId of queued) expect(counts.get(taskId), taskId).toBe(1)
    const history = createHistoryStore({
      dataDir,
      clock: Date.now,
      logger: createLogger({ redactor: createSecretRedactor() }),
    })
    try {
      const statuses = [...counts.keys()].map((taskId) => history.get(taskId)?.status)
      expect(statuses).toEqual(Array(counts.size).fill('succeeded'))
      expect(history.queue.load()).toEqual([])
    } finally {
      history.close()
    }
  })
})
