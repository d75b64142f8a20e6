import { useCallback, useEffect, useRef, useState } from 'react'
import { isTerminalStatus, type TaskRecord, type ToolId, type ToolOutput } from '#contract'
import { useClient } from '../../../app/client-context'
import type { Client } from '../../../bridge'
import type { PickedImage } from '../../sources'
import type { ToolInput } from '../form/field-values'
import { failureOf, submitTool, type GateState } from '../use-run-tool'

/** A tool run from the workbench, waited for in place: its gate, then its output or why it failed. */
export type InlineState =
  | GateState
  | { readonly status: 'running'; readonly taskId: string }
  | { readonly status: 'done'; readonly taskId: string; readonly output: ToolOutput }

interface Pending {
  readonly toolId: ToolId
  readonly input: ToolInput
  readonly images: readonly PickedImage[]
  /** Takes the output as it arrives; the run then goes back to idle instead of holding it. */
  readonly onOutput?: (output: ToolOutput) => void
}

/**
 * Resolves with the task's output once `tasks.changed` reports it finished (main polls, bounded),
 * or rejects with the task's error. The first read covers a task that finished before the listener.
 */
export function waitForOutput(client: Client, taskId: string): Promise<ToolOutput> {
  return new Promise((resolve, reject) => {
    let settled = false
    const off = client.on('tasks.changed', (record) => {
      if (record.id === taskId) settle(record)
    })
    const settle = (record: TaskRecord) => {
      if (settled || !isTerminalStatus(record.status) || record.kind !== 'tool') return
      settled = true
      off()
      if (record.status === 'succeeded' && record.toolOutput !== null) resolve(record.toolOutput)
      else reject(record.error ?? { code: 'cancelled', message: '' })
    }
    client.call('history.get', { id: taskId }).then(settle, () => undefined)
  })
}

/**
 * Runs one tool for a workbench action (Expand prompt, Describe image) and waits for its output,
 * through the same upload gate as the Tools screen. Only the latest run's answer is kept.
 */
export function useInlineTool() {
  const client = useClient()
  const [state, setState] = useState<InlineState>({ status: 'idle' })
  const pending = useRef<Pending | null>(null)
  const ticket = useRef(0)
  useEffect(
    () => () => {
      ticket.current += 1
    },
    [],
  )

  const start = useCallback(
    async (next: Pending, consented = false) => {
      const mine = ++ticket.current
      pending.current = next
      setState({ status: 'checking' })
      try {
        const outcome = await submitTool(client, next.toolId, next.input, next.images, consented)
        if (mine !== ticket.current) return
        if ('gate' in outcome) {
          setState(outcome.gate)
          return
        }
        setState({ status: 'running', taskId: outcome.taskId })
        const output = await waitForOutput(client, outcome.taskId)
        if (mine !== ticket.current) return
        if (next.onOutput) {
          next.onOutput(output)
          setState({ status: 'idle' })
        } else setState({ status: 'done', taskId: outcome.taskId, output })
      } catch (error) {
        if (mine === ticket.current) setState({ status: 'failed', ...failureOf(error) })
      }
    },
    [client],
  )

  const confirm = useCallback(() => {
    if (pending.current) void start(pending.current, true)
  }, [start])
  const reset = useCallback(() => {
    ticket.current += 1
    setState({ status: 'idle' })
  }, [])
  return { state, start, confirm, reset }
}
