import { randomBytes } from 'node:crypto'

/**
 * A client-chosen task id (`alwayson_scripts.id_task`): time-ordered so the service's own lists
 * read sensibly, random enough never to collide across machines, short and URL-safe.
 */
export const newTaskId = (now: number = Date.now()): string =>
  `iow${now.toString(36)}${randomBytes(6).toString('hex')}`
