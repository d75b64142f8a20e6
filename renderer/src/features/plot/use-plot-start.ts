import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { plotLanguageOf, type PlotRecord, type PlotRequestInput } from '#contract'
import { useClient } from '../../app/client-context'
import { useUploadConsents } from '../sources'
import { buildRequest } from '../workbench/request'
import { requestImages } from '../workbench/request-images'
import { clearUploads, type SubmitState } from '../workbench/use-generate'

export type PlotStartState =
  | SubmitState
  /** Sent; main answered the plot (its cells go through the queue). */
  | { readonly status: 'started'; readonly record: PlotRecord }
  | { readonly status: 'startFailed'; readonly reason: string }

/**
 * Starts a plot from the current mode's form, the way Generate submits one task: local input
 * images go out only to a storage destination the user agreed to (the same consent as Generate's),
 * the painted mask is rendered and imported, and the request names the profile that was checked.
 * Each cell's task resolves its input images in main as a Generate's task does.
 */
export function usePlotStart() {
  const client = useClient()
  const { i18n } = useTranslation()
  const [state, setState] = useState<PlotStartState>({ status: 'idle' })
  const [axes, setAxes] = useState<Omit<PlotRequestInput, 'base'> | null>(null)

  const run = useCallback(
    async (plotAxes: Omit<PlotRequestInput, 'base'>) => {
      setAxes(plotAxes)
      try {
        const cleared = await clearUploads(client, setState)
        if (!cleared.open) return
        const { state: workbench } = cleared
        setState({ status: 'submitting', stage: 'preparing' })
        const images = await requestImages(client, workbench.mode, workbench)
        const options = { allowResize: workbench.inputOptions.allowResize, keepUploads: cleared.keepUploads }
        const base = {
          ...buildRequest(workbench.mode, workbench.draft, images, options),
          ...(cleared.profileId === undefined ? {} : { profileId: cleared.profileId }),
        }
        setState({ status: 'submitting', stage: 'sending' })
        // The grid is drawn in main: its axis labels follow the UI's language.
        const language = plotLanguageOf(i18n.language)
        const record = await client.call('plot.start', { ...plotAxes, base, language })
        setState({ status: 'started', record })
      } catch (error) {
        setState({ status: 'startFailed', reason: error instanceof Error ? error.message : String(error) })
      }
    },
    [client, i18n],
  )

  /** "Upload and start": remembered for the destination shown, then the start runs again. */
  const confirmUpload = useCallback(() => {
    if (state.status !== 'confirmUpload' || !axes) return
    useUploadConsents.getState().consentTo(state.profile.id, state.storage)
    void run(axes)
  }, [axes, run, state])

  const dismiss = useCallback(() => setState({ status: 'idle' }), [])
  return { state, start: run, confirmUpload, dismiss }
}
