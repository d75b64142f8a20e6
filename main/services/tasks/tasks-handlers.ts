import { buildCurlCommand, type Handlers } from '#contract'
import type { HistoryStore } from '../history/history-store'
import type { ProfilesService } from '../profiles/profiles-service'
import { inputRequestsOf } from './input-images'
import { newTaskId } from './task-ids'
import { payloadOf, placeholderInputs, wireRequest } from './task-request'
import type { TasksService } from './tasks-service'

export interface TasksHandlersDeps {
  readonly tasks: TasksService
  readonly profiles: Pick<ProfilesService, 'list' | 'get' | 'resolveConnection'>
  /** Earlier results named as sources, for the links a preview shows. */
  readonly history: Pick<HistoryStore, 'get'>
}

export function createTasksHandlers(
  deps: TasksHandlersDeps,
): Pick<
  Handlers,
  | 'tasks.submit'
  | 'tasks.previewRequest'
  | 'tasks.retry'
  | 'tasks.stopTracking'
  | 'tasks.refresh'
  | 'tasks.active'
  | 'tools.previewPreprocessor'
> {
  return {
    'tasks.submit': (request) => deps.tasks.submit(request),
    'tasks.retry': ({ taskId }) => deps.tasks.retry(taskId),
    'tasks.stopTracking': ({ taskId }) => deps.tasks.stopTracking(taskId),
    'tasks.refresh': ({ taskId }) => deps.tasks.refresh(taskId),
    'tasks.active': () => deps.tasks.active(),
    // The API client's own builders, so the preview is exactly what a submit sends; the keys are
    // placeholders because the renderer must never see them, and so are the links of images a
    // submit would upload (a preview uploads nothing).
    'tasks.previewRequest': async (request) => {
      const id = request.profileId ?? (await deps.profiles.list()).activeProfileId
      // The demo profile's address exists only once its simulator runs.
      const baseUrl =
        (await deps.profiles.get(id)).baseUrl ?? (await deps.profiles.resolveConnection(id)).baseUrl
      const inputs =
        request.kind === 'text2image' ? [] : placeholderInputs(deps.history, inputRequestsOf(request))
      const { path, body } = wireRequest(newTaskId(), payloadOf(request, inputs))
      return { curl: buildCurlCommand(baseUrl, path, body), body }
    },
    'tools.previewPreprocessor': (request) => deps.tasks.previewPreprocessor(request),
  }
}
