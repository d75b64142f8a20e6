/*
 * The first screen's chunk (the workbench, with CodeMirror) is requested the moment the entry chunk
 * starts to run: main.tsx imports this module first, so it is evaluated before the app's own modules
 * (contract schemas, catalogs, stores). The download then overlaps their start-up instead of
 * starting after it (a waterfall of about a third of the load time, issue 13 §10). It is not a
 * <link rel="modulepreload">: the first screen's ~150 KB would then count as initial JavaScript.
 */

export const loadWorkbench = () => import('../features/workbench/WorkbenchScreen')

/** Requested once, at start; a failed request is retried by React.lazy's own call. */
void loadWorkbench().catch(() => undefined)
