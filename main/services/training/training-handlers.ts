import type { Handlers } from '#contract'
import type { TrainingService } from './training-service'

export interface TrainingHandlersDeps {
  readonly training: TrainingService
}

export function createTrainingHandlers(
  deps: TrainingHandlersDeps,
): Pick<
  Handlers,
  | 'training.inspectDataset'
  | 'training.submit'
  | 'training.previewRequest'
  | 'training.markDone'
  | 'training.attachStatusRequest'
  | 'training.refresh'
> {
  const { training } = deps
  return {
    'training.inspectDataset': (request) => training.inspectDataset(request),
    'training.submit': (request) => training.submit(request),
    'training.previewRequest': (request) => training.previewRequest(request),
    'training.markDone': (request) => training.markDone(request),
    'training.attachStatusRequest': (request) => training.attachStatusRequest(request),
    'training.refresh': (request) => training.refresh(request.taskId),
  }
}
