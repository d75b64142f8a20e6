import { useMemo } from 'react'
import { presetLimits, type Preset, type PresetDraft, type PromptStyle } from '#contract'
import { useClient } from '../../app/client-context'
import { offerDownload, readTextFile } from '../../shared/file-io'
import { toErrorShape, usePresetsStore, type EditorState, type Notice } from './presets-store'

const store = () => usePresetsStore.getState()

/**
 * Every change the library screen makes, as one call to main each. After a change the list is
 * reloaded and the outcome shown as a notice; a failure becomes an error notice, never a throw.
 */
export function usePresetActions() {
  const client = useClient()
  return useMemo(() => {
    const run = async <T>(
      work: () => Promise<T>,
      done: (value: T) => Notice | null,
    ): Promise<T | undefined> => {
      store().setBusy(true)
      try {
        const value = await work()
        store().setNotice(done(value))
        await store().reload(client)
        return value
      } catch (error) {
        store().setNotice({ tone: 'error', key: 'presets.notice.failed', error: toErrorShape(error) })
        return undefined
      } finally {
        store().setBusy(false)
      }
    }
    const tooLarge = () =>
      store().setNotice({
        tone: 'error',
        key: 'presets.notice.failed',
        error: { code: 'invalid_request', message: 'too large', details: { reason: 'too_large' } },
      })

    return {
      save: (editor: EditorState, draft: PresetDraft) =>
        run(
          () =>
            editor.mode === 'create'
              ? client.call('presets.create', { preset: draft })
              : client.call('presets.update', { id: editor.preset.id, preset: draft }),
          (preset) => {
            store().openEditor(null)
            return { tone: 'info', key: 'presets.notice.saved', values: { name: preset.displayName } }
          },
        ),
      toggleFavourite: (preset: Preset) =>
        run(
          () => client.call('presets.setFavourite', { id: preset.id, favourite: !preset.favourite }),
          () => null,
        ),
      duplicate: (preset: Preset, displayName: string) =>
        run(
          () => client.call('presets.duplicate', { id: preset.id, displayName }),
          (copy) => {
            store().openEditor({ mode: 'edit', preset: copy })
            return { tone: 'info', key: 'presets.notice.duplicated', values: { name: copy.displayName } }
          },
        ),
      remove: (item: Preset | PromptStyle) =>
        run(
          () =>
            'kind' in item
              ? client.call('presets.delete', { id: item.id })
              : client.call('presets.deleteStyle', { id: item.id }),
          () => {
            const name = 'kind' in item ? item.displayName : item.name
            const editor = store().editor
            if (editor?.mode === 'edit' && editor.preset.id === item.id) store().openEditor(null)
            store().setUndo({ id: item.id, name })
            return null
          },
        ),
      undo: (id: string) =>
        run(
          () => client.call('presets.restore', { id }),
          () => {
            store().setUndo(null)
            return null
          },
        ),
      exportLibrary: () =>
        run(
          () => client.call('presets.export', {}),
          (file) => {
            offerDownload(file.fileName, file.text)
            return { tone: 'info', key: 'presets.notice.exported', values: { file: file.fileName } }
          },
        ),
      importLibrary: async (file: File, replace: boolean) => {
        const text = await readTextFile(file, presetLimits.importMaxChars)
        if (text === null) return tooLarge()
        await run(
          () => client.call('presets.import', { text, onConflict: replace ? 'replace' : 'skip' }),
          (summary) => ({ tone: 'info', key: 'presets.notice.imported', values: { ...summary } }),
        )
      },
      importStyles: async (file: File) => {
        const csvText = await readTextFile(file, presetLimits.stylesCsvMaxChars)
        if (csvText === null) return tooLarge()
        await run(
          () => client.call('presets.importStyles', { csvText }),
          (summary) => ({ tone: 'info', key: 'presets.notice.stylesImported', values: { ...summary } }),
        )
      },
      sync: () =>
        run(
          () => client.call('presets.sync', {}),
          (report) => {
            store().setSyncReport(report)
            return null
          },
        ),
    }
  }, [client])
}

export type PresetActions = ReturnType<typeof usePresetActions>
