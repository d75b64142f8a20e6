import { useTranslation } from 'react-i18next'
import type { Profile } from '#contract'
import { useClient } from '../../app/client-context'
import { KeyEntryForm } from './KeyEntryForm'

/** The profile's Img Open API keys, write-only. */
export function KeysForm({ profile }: { profile: Profile }) {
  const { t } = useTranslation()
  const client = useClient()
  return (
    <KeyEntryForm
      heading={t('settings.keys.heading')}
      status={profile.keys}
      labels={{ id: t('settings.keys.accessKeyId'), secret: t('settings.keys.accessKeySecret') }}
      save={(keys, sessionOnly) =>
        client.call('credentials.set', {
          profileId: profile.id,
          accessKeyId: keys.id,
          accessKeySecret: keys.secret,
          sessionOnly,
        })
      }
      clear={() => client.call('credentials.clear', { profileId: profile.id })}
    />
  )
}
