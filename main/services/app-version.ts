import { readFileSync } from 'node:fs'

/** The version in package.json, for the editions that run from source (browser, CLI). */
export function readAppVersion(packageJsonUrl: URL): string {
  try {
    const parsed: unknown = JSON.parse(readFileSync(packageJsonUrl, 'utf8'))
    const version = (parsed as { version?: unknown }).version
    return typeof version === 'string' ? version : '0.0.0'
  } catch {
    return '0.0.0'
  }
}
