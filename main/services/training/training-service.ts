import { AppError, type ParsedInput, type ProcedureOutput } from '#contract'

/** LoRA training jobs (issue 16): dataset checks, uploads, the §14 submit, tracking, the preset. */
export interface TrainingService {
  inspectDataset(
    request: ParsedInput<'training.inspectDataset'>,
  ): Promise<ProcedureOutput<'training.inspectDataset'>>
  submit(request: ParsedInput<'training.submit'>): Promise<ProcedureOutput<'training.submit'>>
  previewRequest(
    request: ParsedInput<'training.previewRequest'>,
  ): Promise<ProcedureOutput<'training.previewRequest'>>
  markDone(request: ParsedInput<'training.markDone'>): Promise<ProcedureOutput<'training.markDone'>>
  attachStatusRequest(
    request: ParsedInput<'training.attachStatusRequest'>,
  ): Promise<ProcedureOutput<'training.attachStatusRequest'>>
  refresh(taskId?: string): Promise<ProcedureOutput<'training.refresh'>>
}

/** The contract's first cut: every call answers that training is not built yet. */
export function createTrainingService(): TrainingService {
  const notYet = () => Promise.reject(new AppError('internal', 'Training is not built yet.'))
  return {
    inspectDataset: notYet,
    submit: notYet,
    previewRequest: notYet,
    markDone: notYet,
    attachStatusRequest: notYet,
    refresh: notYet,
  }
}
