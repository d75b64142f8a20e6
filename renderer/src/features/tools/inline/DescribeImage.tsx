import { useTranslation } from 'react-i18next'
import type { ToolOutput } from '#contract'
import type { PickedImage } from '../../sources'
import { InlineGate } from './InlineGate'
import { useInlineTool } from './use-inline-tool'

/** The image description tool (CLIP, a sentence) on one picture, its caption handed to `onCaption`. */
export const describeRequest = (image: PickedImage, onCaption: (caption: string) => void) => ({
  toolId: 'interrogate' as const,
  input: { body: { model: 'clip' }, images: { image: image.source } },
  images: [image],
  onOutput: (output: ToolOutput) => {
    if (output.caption !== undefined) onCaption(output.caption)
  },
})

interface DescribeImageProps {
  readonly image: PickedImage
  /** The caption; the workbench adds it to the prompt as one undoable edit. */
  onCaption(caption: string): void
}

/**
 * Describe image on an image slot: the image description tool (CLIP) captions the slot's picture
 * and the caption goes into the prompt. A local picture passes the upload gate first.
 */
export function DescribeImage({ image, onCaption }: DescribeImageProps) {
  const { t } = useTranslation()
  const { state, start, confirm, reset } = useInlineTool()
  const busy = state.status === 'checking' || state.status === 'running'
  const run = () => start(describeRequest(image, onCaption))
  return (
    <>
      <button type="button" disabled={busy} onClick={() => void run()}>
        {busy ? t('tools.inline.describing') : t('tools.inline.describe')}
      </button>
      <InlineGate state={state} onConfirm={confirm} onDismiss={reset} />
    </>
  )
}
