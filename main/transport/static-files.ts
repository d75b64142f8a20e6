import { realpath, readFile } from 'node:fs/promises'
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path'

/**
 * The Content-Security-Policy of every document the app serves, in Electron (app://) and in the
 * browser edition. Scripts only from the app itself, no eval, no plugins, no framing. Styles allow
 * inline because CodeMirror injects its theme as <style> elements.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "frame-src 'none'",
  "worker-src 'self'",
].join('; ')

export const securityHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
}

const mimeTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.webp': 'image/webp',
}

export interface StaticAsset {
  readonly body: Buffer
  readonly contentType: string
}

const isInside = (root: string, candidate: string) => {
  const rel = relative(root, candidate)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && !rel.split(sep).includes('..'))
}

/**
 * Reads one file of the built renderer for a URL path. Refuses (returns null for) anything that
 * resolves outside `root`, by `..`, encoded separators, absolute paths or a symlink pointing out.
 * `/` means `index.html`.
 */
export async function readStaticAsset(root: string, urlPath: string): Promise<StaticAsset | null> {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath.split(/[?#]/, 1)[0] ?? '/')
  } catch {
    return null
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null
  const relativePath = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '')
  const rootReal = await realpath(resolve(root)).catch(() => null)
  if (rootReal === null) return null
  const candidate = resolve(rootReal, relativePath)
  if (!isInside(rootReal, candidate)) return null
  const candidateReal = await realpath(candidate).catch(() => null)
  if (candidateReal === null || !isInside(rootReal, candidateReal)) return null
  try {
    const body = await readFile(candidateReal)
    return {
      body,
      contentType: mimeTypes[extname(candidateReal).toLowerCase()] ?? 'application/octet-stream',
    }
  } catch {
    return null
  }
}

/** The renderer build, relative to the repository (or the packaged app's resources). */
export const defaultRendererDir = (appRoot: string) => join(appRoot, 'out', 'renderer')
