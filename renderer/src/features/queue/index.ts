/** The queue: the workbench's Queue button and drawer, and the concurrency limit in Settings. */
export { QueueButton } from './QueueButton'
export { QueueLimitSection } from './QueueLimitSection'
export { useQueueStore } from './queue-store'
export { useHeldSync, useHeldTasks, useQueueHolds } from './held-store'
