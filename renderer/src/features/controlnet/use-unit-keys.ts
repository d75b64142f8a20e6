import { useCallback, useState } from 'react'
import { applyListOp, type ListOp } from './unit-list'

interface KeyState {
  readonly keys: readonly string[]
  readonly next: number
}

const fill = (state: KeyState, count: number): KeyState => {
  if (state.keys.length >= count) return { keys: state.keys.slice(0, count), next: state.next }
  const added = Array.from({ length: count - state.keys.length }, (_, i) => `unit-${state.next + i}`)
  return { keys: [...state.keys, ...added], next: state.next + added.length }
}

/**
 * Stable identities for units, which have none of their own: a unit keeps its key (its React
 * state, its pending image import) when units move. Keys follow the panel's own list operations;
 * when the parent swaps the units wholesale (a preset, "send to"), they are padded or cut to fit.
 */
export function useUnitKeys(count: number) {
  const [state, setState] = useState<KeyState>(() => fill({ keys: [], next: 0 }, count))
  let current = state
  if (state.keys.length !== count) {
    current = fill(state, count)
    setState(current)
  }
  const applyToKeys = useCallback(
    (op: ListOp) =>
      setState((previous) => {
        let next = previous.next
        const keys = applyListOp(previous.keys, op, () => `unit-${next++}`)
        return { keys, next }
      }),
    [],
  )
  return { keys: current.keys, applyToKeys }
}
