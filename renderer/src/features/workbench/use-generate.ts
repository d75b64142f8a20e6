import { useCallback, useRef, useState } from 'react'
import type { ErrorCode } from '../../../../main/contract'
import { useClient } from '../../app/client-context'
import { BridgeError } from '../../bridge'
import { validateDraft } from './validation'
import { useWorkbenchStore } from './workbench-store'

export type SubmitState =
  | { readonly status: 'idle' }
  | { readonly status: 'submitting' }
  | { readonly status: 'submitted'; readonly taskId: string }
  | { readonly status: 'failed'; readonly code: ErrorCode }

export const errorCodeOf = (error: unknown): ErrorCode =>
  error instanceof BridgeError ? error.code : 'internal'

/**
 * Submits the current draft through `tasks.submit`. Does nothing while the draft is invalid or a
 * submit is in flight, so a held Ctrl+Enter or a double click queues one task, not several.
 */
export function useGenerate() {
  const client = useClient()
  const [state, setState] = useState<SubmitState>({ status: 'idle' })
  const inFlight = useRef(false)

  const generate = useCallback(async () => {
    const { draft } = useWorkbenchStore.getState()
    if (inFlight.current || !validateDraft(draft).valid) return
    inFlight.current = true
    setState({ status: 'submitting' })
    try {
      const { taskId } = await client.call('tasks.submit', { params: draft })
      setState({ status: 'submitted', taskId })
    } catch (error) {
      setState({ status: 'failed', code: errorCodeOf(error) })
    } finally {
      inFlight.current = false
    }
  }, [client])

  return { state, generate }
}
