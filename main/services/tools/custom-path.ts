import { AppError, apiRoot, isToolCode } from '#contract'

const refuse = (why: string) =>
  new AppError('invalid_request', `The path ${why}. Give a path under ${apiRoot}.`, { field: 'path' })

/**
 * A custom request's path, normalised and confined under `/AIGCImgOpenServ/saas/` of the profile's
 * base URL (SECURITY.md #27): a relative path is taken as under it ("tool/hair/change"); an absolute
 * URL, a scheme, `//host`, a query or fragment, `..` or `.` segments, encoded slashes or dots,
 * backslashes and control characters are refused rather than repaired.
 */
export function normaliseCustomPath(input: string): string {
  const text = input.trim()
  if (/^[a-z][a-z0-9+.-]*:/i.test(text) || text.startsWith('//')) throw refuse('must not be a URL')
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (/[\\\s?#\u0000-\u001f\u007f]/.test(text)) throw refuse('holds a character a path cannot have')
  if (/%(?:2f|5c|2e|00)/i.test(text)) throw refuse('holds an encoded slash or dot')
  const withRoot = text.startsWith('/') ? text : `${apiRoot}${text}`
  const segments = withRoot.split('/').slice(1)
  if (segments.some((segment) => segment === '..' || segment === '.')) throw refuse('must not climb with ..')
  const path = `/${segments.filter((segment) => segment !== '').join('/')}`
  if (!path.startsWith(apiRoot) || path.length <= apiRoot.length) throw refuse('is not under the API root')
  if (!/^[\w./-]+$/.test(path)) throw refuse('holds a character a path cannot have')
  return path
}

/** The tool code a path under `…/saas/tool/` names (what `tool/{toolCode}/queryTask` takes), else null. */
export function toolCodeOfPath(path: string): string | null {
  const prefix = `${apiRoot}tool/`
  if (!path.startsWith(prefix)) return null
  const code = path.slice(prefix.length)
  return isToolCode(code) ? code : null
}
