import type { Handlers } from '#contract'
import type { OutputsService } from './outputs-service'

export type OutputsHandlers = Pick<
  Handlers,
  | 'outputs.get'
  | 'outputs.configure'
  | 'outputs.chooseFolder'
  | 'outputs.fileNames'
  | 'outputs.saveImage'
  | 'outputs.saveTask'
  | 'outputs.reveal'
>

export function createOutputsHandlers({ outputs }: { readonly outputs: OutputsService }): OutputsHandlers {
  return {
    'outputs.get': () => outputs.state(),
    'outputs.configure': (settings) => outputs.configure(settings),
    'outputs.chooseFolder': async () => ({ folder: await outputs.chooseFolder() }),
    'outputs.fileNames': async ({ taskId }) => ({ names: await outputs.fileNames(taskId) }),
    'outputs.saveImage': async ({ taskId, imageIndex }) => ({
      path: await outputs.saveImage(taskId, imageIndex),
    }),
    'outputs.saveTask': ({ taskId }) => outputs.saveTask(taskId),
    'outputs.reveal': async ({ taskId, imageIndex }) => ({ path: await outputs.reveal(taskId, imageIndex) }),
  }
}
