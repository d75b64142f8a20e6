import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { useTempDirs } from '../../support/temp-dir'
import { startChildWriter } from './child-writer'
import { useHistoryStores } from './use-history-store'

/** Two lanes (each its own history and writer process) use both cores; 50 kills in all. */
const lanes = 2
const killsPerLane = 25

describe('history durability (SECURITY.md #20, #21)', () => {
  const tempDir = useTempDirs()
  const openStore = useHistoryStores()

  interface LaneResult {
    readonly acknowledged: number
    readonly killedWhileWriting: number
  }

  async function lane(laneIndex: number): Promise<LaneResult> {
    const dir = await tempDir()
    /** id → the furthest status the writer was told is saved. */
    const acknowledged = new Map<string, 'submitting' | 'queued'>()
    let killedWhileWriting = 0
    let readyAfterMs = 500
    for (let run = 0; run < killsPerLane; run += 1) {
      const started = Date.now()
      const writer = startChildWriter(dir, 'write', `lane${laneIndex}-run${run}`)
      if (run % 3 === 0) {
        // Any instant from spawn on: during start-up, the lock, the integrity check or the first writes.
        await sleep(Math.random() * readyAfterMs * 1.2)
      } else {
        await writer.ready
        readyAfterMs = Date.now() - started
        // Writes are under way; the kill lands somewhere among them.
        await writer.sawLine('inserted', 10_000)
        await sleep(Math.random() * 30)
      }
      await writer.kill()
      const acks = writer.lines.filter((line) => line.startsWith('inserted ') || line.startsWith('updated '))
      if (acks.length > 0) killedWhileWriting += 1
      for (const line of acks) {
        const [verb, id = ''] = line.split(' ')
        acknowledged.set(id, verb === 'updated' ? 'queued' : (acknowledged.get(id) ?? 'submitting'))
      }
      expect(writer.lines.filter((line) => line.startsWith('error'))).toEqual([])

      const store = openStore(dir)
      expect(store.pendingRecovery()).toBeNull()
      for (const [id, status] of acknowledged) {
        const record = store.get(id)
        expect(record, `acknowledged task ${id} after kill ${run} of lane ${laneIndex}`).not.toBeNull()
        if (status === 'queued') expect(record?.status).toBe('queued')
      }
      store.close()
    }
    return { acknowledged: acknowledged.size, killedWhileWriting }
  }

  it(`keeps every acknowledged write through ${lanes * killsPerLane} kill -9 at random moments, and always reopens`, async () => {
    const results = await Promise.all(Array.from({ length: lanes }, (_, index) => lane(index)))
    for (const result of results) {
      // The kills really landed in the middle of writing, not only before or after it.
      expect(result.killedWhileWriting).toBeGreaterThanOrEqual(Math.floor((killsPerLane * 2) / 3))
      expect(result.acknowledged).toBeGreaterThan(killsPerLane)
    }
  }, 600_000)
})
