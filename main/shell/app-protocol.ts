import { readStaticAsset, securityHeaders } from '../transport/static-files'

export const appScheme = 'app'
export const appHost = 'workbench'

/**
 * Answers one app:// request from the built renderer. Foreign hosts, traversal and symlink escapes
 * get 404; every answer carries the CSP. Pure (uses only the global Response) so Node tests run it.
 */
export async function handleAppRequest(rendererDir: string, requestUrl: string): Promise<Response> {
  const url = new URL(requestUrl)
  const asset =
    url.protocol === `${appScheme}:` && url.host === appHost
      ? await readStaticAsset(rendererDir, url.pathname)
      : null
  if (!asset) return new Response('Not found', { status: 404, headers: securityHeaders })
  return new Response(new Uint8Array(asset.body), {
    status: 200,
    headers: { 'Content-Type': asset.contentType, ...securityHeaders },
  })
}
