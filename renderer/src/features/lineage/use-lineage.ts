import { useEffect, useState } from 'react'
import type { TaskRecord } from '#contract'
import type { Client } from '../../bridge'

/** A chain longer than this is cut (and says so); it also ends any loop an import could make. */
export const maxLineage = 12

export interface Lineage {
  /** The ancestors, nearest first; a step whose task is gone from the history has `record: null`. */
  readonly steps: readonly { readonly taskId: string; readonly record: TaskRecord | null }[]
  readonly cut: boolean
}

/** Walks `origin.taskId` back through the history, one `history.get` per step. */
export async function loadLineage(client: Client, record: TaskRecord): Promise<Lineage> {
  const steps: { taskId: string; record: TaskRecord | null }[] = []
  const seen = new Set([record.id])
  let next = record.origin?.taskId
  while (next !== undefined && !seen.has(next)) {
    if (steps.length === maxLineage) return { steps, cut: true }
    seen.add(next)
    const found = await client.call('history.get', { id: next }).catch(() => null)
    steps.push({ taskId: next, record: found })
    next = found?.origin?.taskId
  }
  return { steps, cut: false }
}

export function useLineage(client: Client, record: TaskRecord): Lineage | null {
  const [lineage, setLineage] = useState<{ id: string; value: Lineage } | null>(null)
  useEffect(() => {
    let current = true
    void loadLineage(client, record).then((value) => current && setLineage({ id: record.id, value }))
    return () => {
      current = false
    }
  }, [client, record])
  return lineage?.id === record.id ? lineage.value : null
}
