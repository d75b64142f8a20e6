import { apiRoot, toolPath, type CustomTool } from '#contract'

/** A custom request as the user edits it: the body stays text until it parses. */
export interface CustomDraft {
  readonly path: string
  readonly toolCode: string
  readonly bodyText: string
}

/** A fresh task id for the body, so the user sees the one the service will get. */
export const newBusinessTaskId = () => crypto.randomUUID().replace(/-/g, '')

/** The body the editor starts with: only the client-chosen task id. */
export const startingBody = () => JSON.stringify({ businessTaskId: newBusinessTaskId() }, null, 2)

/** A draft for an undocumented tool: its path when the docs show one (hair change), else the API root. */
export function draftFor(toolCode: string | null): CustomDraft {
  return {
    path: toolCode === null ? apiRoot : toolPath(toolCode),
    toolCode: toolCode ?? '',
    bodyText: startingBody(),
  }
}

/** A saved custom tool as a draft, with a new task id (a saved one must not be sent twice). */
export function draftFromSaved(tool: CustomTool): CustomDraft {
  return {
    path: tool.path,
    toolCode: tool.toolCode,
    bodyText: JSON.stringify({ ...tool.body, businessTaskId: newBusinessTaskId() }, null, 2),
  }
}

export type BodyCheck =
  | { readonly ok: true; readonly body: Record<string, unknown> }
  | { readonly ok: false; readonly issue: 'syntax'; readonly detail: string }
  | { readonly ok: false; readonly issue: 'notObject' }

/** The body as JSON, checked as the user types: it must parse, and be an object. */
export function checkBody(text: string): BodyCheck {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return { ok: false, issue: 'syntax', detail: error instanceof Error ? error.message : '' }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, issue: 'notObject' }
  return { ok: true, body: value as Record<string, unknown> }
}

/** Whether the path stays under the API root: a hint as the user types; main decides (and normalises). */
export const pathLooksRight = (path: string) =>
  path.trim().startsWith(apiRoot) && !path.includes('..') && !/%2f|%5c/i.test(path)

/** What a saved tool keeps: without the task id, which each send chooses anew. */
export function toSaved(name: string, draft: CustomDraft, body: Record<string, unknown>): CustomTool {
  const { businessTaskId: _id, ...rest } = body
  return { name: name.trim(), path: draft.path.trim(), toolCode: draft.toolCode.trim(), body: rest }
}
