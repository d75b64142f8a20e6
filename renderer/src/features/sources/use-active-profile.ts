import { useEffect, useState } from 'react'
import type { Profile } from '#contract'
import { useClient } from '../../app/client-context'
import { activeProfile } from './upload-gate'

/** The active profile while `enabled`, kept current as profiles change in Settings. */
export function useActiveProfile(enabled: boolean): Profile | null {
  const client = useClient()
  const [profile, setProfile] = useState<Profile | null>(null)
  useEffect(() => {
    if (!enabled) return undefined
    let current = true
    const load = () =>
      activeProfile(client).then(
        (found) => current && setProfile(found),
        () => undefined,
      )
    void load()
    const off = client.on('profiles.changed', () => void load())
    return () => {
      current = false
      off()
    }
  }, [client, enabled])
  return enabled ? profile : null
}
