import { apiError } from './api-errors'
import type { PreprocessorPreviewRequest } from './api-types'

/**
 * The CNT preview tool's body (§13): the caller's task id, the image link and the preprocessor.
 * A link that is not http(s) or an empty preprocessor fails before anything is sent. Pure.
 */
export function buildPreprocessorPreviewBody(
  taskId: string,
  request: PreprocessorPreviewRequest,
): { readonly businessTaskId: string; readonly sourceImage: string; readonly preprocessor: string } {
  if (!/^https?:\/\/\S+$/i.test(request.imageUrl)) throw apiError('invalid_request', { field: 'sourceImage' })
  if (request.preprocessor.trim() === '') throw apiError('invalid_request', { field: 'preprocessor' })
  return { businessTaskId: taskId, sourceImage: request.imageUrl, preprocessor: request.preprocessor }
}
