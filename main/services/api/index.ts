/** The Img Open API client, its pure helpers and the task tracker: what the rest of main imports. */
export * from './api-types'
export { createApiClient, type ApiClientDeps, type ClosableApiClient } from './api-client'
export { createApiDispatcher, tlsWarning, type ApiDispatcherOptions } from './api-dispatcher'
export {
  apiErrorCodes,
  describeApiError,
  isApiErrorCode,
  type ApiErrorCode,
  type ApiLocale,
} from './api-errors'
export { defaultApiLimits, type ApiLimits } from './api-limits'
export { apiPaths, authHeaders, joinUrl } from './api-paths'
export { realTimers, type ApiTimers } from './api-call'
export { cleanUntrusted, untrustedLimits } from './untrusted-text'
export {
  createTaskTracker,
  defaultTrackerLimits,
  type TaskTracker,
  type TaskTrackerDeps,
  type TrackerEvent,
  type TrackerFinal,
  type TrackerLimits,
  type TrackerProgress,
  type TrackOptions,
} from './task-tracker'
