import { isSdTask, type SdTaskRecord, type TaskRecord } from '#contract'

/** The record as a workbench (SD) task, failing the test when it is absent or a tool task. */
export function sd(record: TaskRecord | undefined | null): SdTaskRecord {
  if (!record || !isSdTask(record))
    throw new Error(`expected a workbench task, got ${record?.kind ?? 'none'}`)
  return record
}
