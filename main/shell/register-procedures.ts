import { procedureNames, type Result } from '#contract'
import type { Dispatch } from '../ipc/dispatcher'
import type { SenderFrame } from './trusted-sender'

/** The part of Electron's ipcMain this wrapper needs. */
export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: { senderFrame: SenderFrame | null }, payload: unknown) => unknown,
  ): void
}

const unauthorized: Result<never> = {
  ok: false,
  error: { code: 'unauthorized_sender', message: 'This caller may not use the app bridge.' },
}

/**
 * The one place IPC channels are registered: one channel per contract procedure, each checking the
 * sender before the dispatcher validates the payload. Nothing is ever thrown across the bridge.
 */
export function registerProcedures(
  ipcMain: IpcMainLike,
  dispatch: Dispatch,
  isTrusted: (frame: SenderFrame | null) => boolean,
): void {
  for (const name of procedureNames) {
    ipcMain.handle(name, (event, payload) =>
      isTrusted(event.senderFrame) ? dispatch(name, payload, { transport: 'ipc' }) : unauthorized,
    )
  }
}
