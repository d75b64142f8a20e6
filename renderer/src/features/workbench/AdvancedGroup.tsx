import { useTranslation } from 'react-i18next'
import { TextField } from './Fields'
import { outputFormatNames } from './options'
import { useNotSentReason } from './use-endpoint-fields'
import { useWorkbenchStore } from './workbench-store'

/**
 * Rarely needed request options: the output format, which every endpoint lists (§1, §9, §11; v3's
 * `targetImageFormat`), and the callback URL, off with its reason where the endpoint has none.
 */
export function AdvancedGroup() {
  const { t } = useTranslation()
  const callbackUrl = useWorkbenchStore((state) => state.draft.callbackUrl ?? '')
  const outputFormat = useWorkbenchStore((state) => state.draft.alwayson_scripts.output_image_format ?? '')
  const setParam = useWorkbenchStore((state) => state.setParam)
  const setScript = useWorkbenchStore((state) => state.setScript)
  const callbackNotSent = useNotSentReason('callbackUrl')
  return (
    <fieldset className="wb-group">
      <legend>{t('workbench.groups.advanced')}</legend>
      <TextField
        label={t('workbench.fields.output_image_format')}
        path="alwayson_scripts.output_image_format"
        value={outputFormat}
        suggestions={outputFormatNames}
        placeholder={t('workbench.advanced.outputFormatDefault')}
        hint={t('workbench.advanced.outputFormatHint')}
        // Empty means the service's default: the field is left out of the request.
        onChange={(value) => setScript('output_image_format', value.trim() === '' ? undefined : value.trim())}
      />
      <TextField
        label={t('workbench.fields.callbackUrl')}
        path="callbackUrl"
        type="url"
        value={callbackUrl}
        disabled={callbackNotSent !== null}
        hint={callbackNotSent ?? t('workbench.advanced.callbackHint')}
        // Empty means no callback: the field is left out of the request.
        onChange={(value) => setParam('callbackUrl', value.trim() === '' ? undefined : value)}
      />
    </fieldset>
  )
}
