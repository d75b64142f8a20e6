import { contextBridge, ipcRenderer } from 'electron'
import { eventChannel, eventNames, procedureNames } from '#contract/channels'

type EventListener = (name: string, payload: unknown) => void

const knownEvents = new Set<string>(eventNames)

/*
 * The page gets exactly one method per contract procedure plus `onEvent`; never ipcRenderer.
 * Names come from the contract's plain lists, so this file has nothing to keep in sync by hand.
 */
const procedures = Object.fromEntries(
  procedureNames.map((name) => [name, (input: unknown) => ipcRenderer.invoke(name, input)]),
)

const bridge = {
  procedures,
  onEvent(listener: EventListener): () => void {
    const forward = (_event: unknown, name: unknown, payload: unknown) => {
      if (typeof name === 'string' && knownEvents.has(name)) listener(name, payload)
    }
    ipcRenderer.on(eventChannel, forward)
    return () => {
      ipcRenderer.removeListener(eventChannel, forward)
    }
  },
}

contextBridge.exposeInMainWorld('imgOpen', bridge)
