import { useTranslation } from 'react-i18next'
import { TextField } from './Fields'
import { useWorkbenchStore } from './workbench-store'

/** Rarely needed request options. */
export function AdvancedGroup() {
  const { t } = useTranslation()
  const callbackUrl = useWorkbenchStore((state) => state.draft.callbackUrl ?? '')
  const setParam = useWorkbenchStore((state) => state.setParam)
  return (
    <fieldset className="wb-group">
      <legend>{t('workbench.groups.advanced')}</legend>
      <TextField
        label={t('workbench.fields.callbackUrl')}
        path="callbackUrl"
        type="url"
        value={callbackUrl}
        hint={t('workbench.advanced.callbackHint')}
        // Empty means no callback: the field is left out of the request.
        onChange={(value) => setParam('callbackUrl', value.trim() === '' ? undefined : value)}
      />
    </fieldset>
  )
}
