import type { Handlers } from '../../ipc/dispatcher'
import { apiPaths, buildCurlCommand, buildText2ImageBody } from '../api'
import type { ProfilesService } from '../profiles/profiles-service'
import { newTaskId } from './task-ids'
import type { TasksService } from './tasks-service'

export interface TasksHandlersDeps {
  readonly tasks: TasksService
  readonly profiles: Pick<ProfilesService, 'list' | 'get' | 'resolveConnection'>
}

export function createTasksHandlers(
  deps: TasksHandlersDeps,
): Pick<Handlers, 'tasks.submit' | 'tasks.previewRequest' | 'tasks.retry' | 'tasks.active'> {
  return {
    'tasks.submit': ({ params, profileId }) => deps.tasks.submit(params, profileId),
    'tasks.retry': ({ taskId }) => deps.tasks.retry(taskId),
    'tasks.active': () => deps.tasks.active(),
    // The API client's own builders, so the preview is exactly what a submit sends; the keys are
    // placeholders because the renderer must never see them.
    'tasks.previewRequest': async ({ params, profileId }) => {
      const id = profileId ?? (await deps.profiles.list()).activeProfileId
      // The demo profile's address exists only once its simulator runs.
      const baseUrl =
        (await deps.profiles.get(id)).baseUrl ?? (await deps.profiles.resolveConnection(id)).baseUrl
      const body = buildText2ImageBody(newTaskId(), params)
      return { curl: buildCurlCommand(baseUrl, apiPaths.text2image, body), body }
    },
  }
}
