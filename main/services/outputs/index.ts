export { createOutputsService, type OutputsService, type OutputsServiceDeps } from './outputs-service'
export { createOutputsHandlers } from './outputs-handlers'
export type { OutputShell } from './output-shell'
export { fileNameFor, promptWords, sanitizeFileName } from './file-names'
