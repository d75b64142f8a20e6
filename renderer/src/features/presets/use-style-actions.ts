import { useMemo } from 'react'
import type { PromptStyle, StyleDraft } from '#contract'
import { useClient } from '../../app/client-context'
import { offerDownload } from '../../shared/file-io'
import { toErrorShape, usePresetsStore } from './presets-store'
import type { StyleForm } from './style-form'

const store = () => usePresetsStore.getState()

/** Which style the editor is for: a new one, or an existing one (which may be renamed). */
/** What the style editor is for: a new style (optionally filled in, e.g. from the workbench) or an existing one. */
export type StyleTarget =
  | { readonly mode: 'create'; readonly initial?: StyleForm }
  | { readonly mode: 'edit'; readonly style: PromptStyle }

/** How a save ended: the saved style, a name another style has, or a failure already shown. */
export type StyleSaveOutcome = PromptStyle | 'name_taken' | null

/**
 * Saving and exporting prompt styles. A name clash comes back to the editor, which shows it at
 * the name field; any other failure becomes an error notice, as every library action does.
 */
export function useStyleActions() {
  const client = useClient()
  return useMemo(
    () => ({
      async save(target: StyleTarget, draft: StyleDraft): Promise<StyleSaveOutcome> {
        store().setBusy(true)
        try {
          const style =
            target.mode === 'create'
              ? await client.call('presets.createStyle', { style: draft })
              : await client.call('presets.updateStyle', { id: target.style.id, style: draft })
          store().setNotice({ tone: 'info', key: 'presets.notice.saved', values: { name: style.name } })
          await store().reload(client)
          return style
        } catch (error) {
          const shape = toErrorShape(error)
          if (shape.code === 'conflict' && shape.details?.reason === 'style_name_taken') return 'name_taken'
          store().setNotice({ tone: 'error', key: 'presets.notice.failed', error: shape })
          return null
        } finally {
          store().setBusy(false)
        }
      },
      async exportStyles(): Promise<void> {
        try {
          const file = await client.call('presets.exportStyles', {})
          offerDownload(file.fileName, file.text, 'text/csv')
          store().setNotice({ tone: 'info', key: 'presets.notice.exported', values: { file: file.fileName } })
        } catch (error) {
          store().setNotice({ tone: 'error', key: 'presets.notice.failed', error: toErrorShape(error) })
        }
      },
    }),
    [client],
  )
}

export type StyleActions = ReturnType<typeof useStyleActions>
