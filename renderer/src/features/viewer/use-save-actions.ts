import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { TaskRecord } from '#contract'
import { useClient } from '../../app/client-context'
import { BridgeError, type Client } from '../../bridge'
import { saveActions, type SaveOutcome } from './save-actions'

const dialogsOf = new WeakMap<Client, Promise<boolean>>()

/** Whether main has save dialogs (the desktop app), asked once per client. */
export function useDialogs(client: Client): boolean | null {
  const [dialogs, setDialogs] = useState<boolean | null>(null)
  useEffect(() => {
    let asked = dialogsOf.get(client)
    if (!asked) {
      asked = client.call('outputs.get', {}).then(
        (state) => state.dialogs,
        () => false,
      )
      dialogsOf.set(client, asked)
    }
    let current = true
    void asked.then((value) => current && setDialogs(value))
    return () => {
      current = false
    }
  }, [client])
  return dialogs
}

/**
 * The save actions with a status line: what was saved where, or why it failed, in the user's
 * language. Every screen that shows a result uses this one hook.
 */
export function useSaveActions() {
  const { t } = useTranslation()
  const client = useClient()
  const dialogs = useDialogs(client)
  const [status, setStatus] = useState<{ text: string; failed: boolean } | null>(null)
  const actions = useMemo(() => saveActions(client, dialogs === true), [client, dialogs])
  const describe = (outcome: SaveOutcome) => {
    switch (outcome.kind) {
      case 'saved':
        return t('viewer.saved.saved', { path: outcome.path })
      case 'savedAll':
        return t('viewer.saved.savedAll', { count: outcome.count, folder: outcome.folder })
      case 'downloaded':
        return t('viewer.saved.downloaded', { name: outcome.name })
      case 'copied':
        return t('viewer.saved.copied')
      case 'revealed':
        return t('viewer.saved.revealed')
      case 'cancelled':
        return t('viewer.saved.cancelled')
    }
  }
  const run = (action: () => Promise<SaveOutcome>) => {
    setStatus(null)
    action().then(
      (outcome) => setStatus({ text: describe(outcome), failed: false }),
      (error: unknown) =>
        setStatus({
          text: t('viewer.saved.failed', {
            reason: error instanceof BridgeError ? error.message : t('viewer.saved.notAvailable'),
          }),
          failed: true,
        }),
    )
  }
  return {
    dialogs: dialogs === true,
    status,
    saveImage: (record: TaskRecord, index: number) => run(() => actions.saveImage(record, index)),
    saveAll: (record: TaskRecord) => run(() => actions.saveAll(record)),
    copyImage: (record: TaskRecord, index: number) => run(() => actions.copyImage(record, index)),
    reveal: (record: TaskRecord, index: number) => run(() => actions.reveal(record, index)),
  }
}

export type SaveControls = ReturnType<typeof useSaveActions>
