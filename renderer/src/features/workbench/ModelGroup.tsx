import { useTranslation } from 'react-i18next'
import { TextField } from './Fields'
import { PreflightFlags } from './preflight/PreflightFlags'
import { selectAssets, selectCheckpoint, selectVae } from './selectors'
import { useWorkbenchStore } from './workbench-store'

const modelKinds = ['checkpoint', 'vae'] as const

/** Checkpoint and VAE: free text with the names presets and the server know as suggestions. */
export function ModelGroup() {
  const { t } = useTranslation()
  const checkpoint = useWorkbenchStore(selectCheckpoint)
  const vae = useWorkbenchStore(selectVae)
  const assets = useWorkbenchStore(selectAssets)
  const setScript = useWorkbenchStore((state) => state.setScript)
  return (
    <fieldset className="wb-group">
      <legend>{t('workbench.groups.model')}</legend>
      <TextField
        label={t('workbench.fields.sd_model_checkpoint')}
        path="alwayson_scripts.sd_model_checkpoint"
        value={checkpoint}
        suggestions={assets.checkpoints}
        placeholder={t('workbench.model.checkpointPlaceholder')}
        onChange={(value) => setScript('sd_model_checkpoint', value)}
      />
      <TextField
        label={t('workbench.fields.sd_vae')}
        path="alwayson_scripts.sd_vae"
        value={vae}
        suggestions={assets.vaes}
        placeholder={t('workbench.model.vaePlaceholder')}
        // Empty means Automatic: the field is left out of the request.
        onChange={(value) => setScript('sd_vae', value === '' ? undefined : value)}
      />
      <PreflightFlags kinds={modelKinds} />
    </fieldset>
  )
}
