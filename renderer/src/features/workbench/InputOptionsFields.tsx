import { useTranslation } from 'react-i18next'
import { useActiveProfile } from '../sources'
import { CheckboxField } from './Fields'
import { takesInputImages } from './modes'
import { selectMode } from './selectors'
import { useWorkbenchStore } from './workbench-store'

/**
 * What a submit may do with input images, beside Generate: resize images over the service's
 * limits, and keep uploads in the profile's storage (the profile's own setting unless changed here).
 */
export function InputOptionsFields() {
  const { t } = useTranslation()
  const mode = useWorkbenchStore(selectMode)
  const options = useWorkbenchStore((state) => state.inputOptions)
  const setOption = useWorkbenchStore((state) => state.setInputOption)
  const profile = useActiveProfile(takesInputImages(mode))
  if (!takesInputImages(mode)) return null
  const storage = profile?.storage ?? null
  // A choice made for another profile does not carry: each starts from its storage's setting.
  const chosen = options.keepUploads?.profileId === profile?.id ? options.keepUploads : null
  return (
    <div className="wb-input-options" role="group" aria-label={t('workbench.inputOptions.label')}>
      <CheckboxField
        label={t('workbench.inputOptions.allowResize')}
        checked={options.allowResize}
        onChange={(checked) => setOption('allowResize', checked)}
      />
      {profile && storage && (
        <CheckboxField
          label={t('workbench.inputOptions.keepUploads', { bucket: storage.bucket })}
          checked={chosen?.keep ?? storage.keepUploads}
          onChange={(keep) => setOption('keepUploads', { profileId: profile.id, keep })}
        />
      )}
    </div>
  )
}
