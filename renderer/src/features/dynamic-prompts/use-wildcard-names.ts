import { useEffect, useState } from 'react'
import { useClient } from '../../app/client-context'
import { useDynamicPrompts } from './dynamic-store'

const none: readonly string[] = []

/** The wildcard names for completion after `__`, read when dynamic prompts are turned on. */
export function useWildcardNames(enabled: boolean): readonly string[] {
  const client = useClient()
  const [names, setNames] = useState<readonly string[]>(none)
  const version = useDynamicPrompts((state) => state.wildcardsVersion)
  useEffect(() => {
    if (!enabled) return
    let current = true
    client.call('wildcards.list', {}).then(
      (list) => {
        if (current) setNames(list.names)
      },
      // No folder or an unreadable one: nothing to complete, and the preview says what is wrong.
      () => undefined,
    )
    return () => {
      current = false
    }
  }, [client, enabled, version])
  return enabled ? names : none
}
