import { useEffect, useState } from 'react'
import { useClient } from '../../app/client-context'
import { BridgeError } from '../../bridge'
import { expandForSubmit, type ExpandResult } from './expansion'
import { useDynamicPrompts } from './dynamic-store'

export type ExpansionState =
  | { readonly status: 'off' }
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly result: ExpandResult }
  | {
      readonly status: 'error'
      /** The template problem (`unknown_wildcard`, `unclosed_variant`, …), or null for another failure. */
      readonly syntax: string | null
      readonly position: number | null
      readonly wildcard: string | null
      readonly message: string
    }

/** Typing pauses this long before the preview asks main again. */
const debounceMs = 200

/** The live preview of what Generate would send for `template`. */
export function useExpansion(template: string): ExpansionState {
  const client = useClient()
  const { mode, count, seed, wildcardsVersion } = useDynamicPrompts()
  // The answer for the inputs it was asked with; a newer question shows the older answer until its own comes.
  const [answer, setAnswer] = useState<ExpansionState>({ status: 'loading' })
  useEffect(() => {
    if (mode === 'off') return
    let current = true
    const timer = setTimeout(() => {
      expandForSubmit(client, template, { mode, count, seed }).then(
        (result) => {
          if (current && result) setAnswer({ status: 'ready', result })
        },
        (error: unknown) => {
          if (!current) return
          const details = error instanceof BridgeError ? (error.details ?? {}) : {}
          const text = (value: unknown) => (typeof value === 'string' ? value : null)
          setAnswer({
            status: 'error',
            syntax: text(details.syntax),
            position: typeof details.position === 'number' ? details.position : null,
            wildcard: text(details.wildcard),
            message: error instanceof Error ? error.message : String(error),
          })
        },
      )
    }, debounceMs)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [client, template, mode, count, seed, wildcardsVersion])
  return mode === 'off' ? { status: 'off' } : answer
}
