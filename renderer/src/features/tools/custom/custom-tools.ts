import { useCallback, useEffect, useState } from 'react'
import type { CustomTool } from '#contract'
import { useClient } from '../../../app/client-context'
import { offerDownload, readTextFile } from '../../../shared/file-io'
import { failureOf } from '../use-run-tool'

/** Longest import the app reads (the procedure takes up to a million characters). */
const maxImportChars = 1_000_000

/** Saved custom tools (main keeps them, offline): list, save, delete, export to a file, import one. */
export function useCustomTools() {
  const client = useClient()
  const [tools, setTools] = useState<readonly CustomTool[]>([])
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null)

  useEffect(() => {
    let current = true
    client.call('tools.listCustomTools', {}).then(
      (answer) => current && setTools(answer.tools),
      () => undefined,
    )
    return () => {
      current = false
    }
  }, [client])

  const guard = useCallback(async (work: () => Promise<string | null>) => {
    try {
      const text = await work()
      if (text !== null) setNotice({ kind: 'ok', text })
    } catch (error) {
      const { code, message } = failureOf(error)
      setNotice({ kind: 'error', text: message || code })
    }
  }, [])

  return {
    tools,
    notice,
    save: (tool: CustomTool, done: string) =>
      guard(async () => {
        setTools((await client.call('tools.saveCustomTool', tool)).tools)
        return done
      }),
    remove: (name: string, done: string) =>
      guard(async () => {
        setTools((await client.call('tools.deleteCustomTool', { name })).tools)
        return done
      }),
    exportAll: () =>
      guard(async () => {
        offerDownload('img-open-custom-tools.json', (await client.call('tools.exportCustomTools', {})).json)
        return null
      }),
    importFile: (file: File, done: (count: number) => string, tooLarge: string) =>
      guard(async () => {
        const json = await readTextFile(file, maxImportChars)
        if (json === null) {
          setNotice({ kind: 'error', text: tooLarge })
          return null
        }
        const answer = await client.call('tools.importCustomTools', { json })
        setTools(answer.tools)
        return done(answer.imported)
      }),
  }
}
