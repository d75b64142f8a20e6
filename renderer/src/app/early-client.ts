import { createClient, createDefaultTransport, withWarmCalls, type Client } from '../bridge'
import { workbenchFirstCalls } from '../features/workbench/first-calls'
import { useUiStore } from './ui-store'

/*
 * The connection to main and the first screen's reads start the moment the entry chunk starts to
 * run: main.tsx imports this module first, so it is evaluated before the app's own modules (contract
 * schemas, catalogs, stores, screens), and the answers are on their way while those evaluate (the
 * checkpoint list was the last thing the first screen waited for, issue 13 §10). In the browser
 * edition the transport adopts the socket early/early-socket.ts opened before the entry loaded, and
 * the answers to the reads that script already sent.
 */

const transport = createDefaultTransport((status) => useUiStore.getState().setConnection(status))
if (window.imgOpen) useUiStore.getState().setConnection('open')

/** The client main.tsx hands to the app, its first reads already sent. */
export const earlyClient: Client = withWarmCalls(createClient(transport), transport, workbenchFirstCalls)
