import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useClient } from '../../../app/client-context'
import { readImageFile, type PickedImage } from '../../sources'
import { InlineGate } from './InlineGate'
import { describeRequest } from './DescribeImage'
import { useInlineTool } from './use-inline-tool'

/**
 * Describe image for a picture dropped on the workbench (or loaded for its parameters): it goes into
 * the image cache as a slot's file would, then through the same upload gate to the description tool.
 */
export function DescribeFile({ file, onCaption }: { readonly file: File; onCaption(caption: string): void }) {
  const { t } = useTranslation()
  const client = useClient()
  const { state, start, confirm, reset } = useInlineTool()
  const [unreadable, setUnreadable] = useState(false)
  const busy = state.status === 'checking' || state.status === 'running'
  const describe = async () => {
    setUnreadable(false)
    const read = await readImageFile(file)
    const imported = read.ok
      ? await client.call('images.import', { base64: read.base64 }).catch(() => null)
      : null
    if (!read.ok || imported === null) {
      setUnreadable(true)
      return
    }
    const image: PickedImage = {
      source: { type: 'cached', cacheKey: imported.cacheKey },
      previewUrl: read.dataUrl,
      width: imported.width,
      height: imported.height,
      label: file.name,
      needsUpload: true,
    }
    await start(describeRequest(image, onCaption))
  }
  return (
    <>
      <button type="button" disabled={busy} onClick={() => void describe()}>
        {busy ? t('tools.inline.describing') : t('tools.inline.describeDropped', { file: file.name })}
      </button>
      <InlineGate state={state} onConfirm={confirm} onDismiss={reset} />
      {unreadable && (
        <p role="alert" className="tl-issue">
          {t('tools.inline.unreadable', { file: file.name })}
        </p>
      )}
    </>
  )
}
