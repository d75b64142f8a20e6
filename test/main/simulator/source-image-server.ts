import { encodePng } from '../../../main/simulator/png'
import { useLoopbackServers } from '../../support/loopback-server'

/** A small solid-colour PNG: different colours give different bytes. */
export const solidPng = (red: number, green: number, blue: number, side = 16): Buffer =>
  encodePng(
    side,
    side,
    new Uint8Array(side * side * 3).map((_, i) => [red, green, blue][i % 3] ?? 0),
  )

export interface SourceImageServer {
  /** `http://127.0.0.1:<port><path>` for a served path. */
  url(path: string): string
  /** The paths requested so far, in order. */
  readonly requested: readonly string[]
}

/**
 * Starts a tiny HTTP server on 127.0.0.1 standing in for the storage the app uploads source images
 * to: it serves the given bytes by path (404 otherwise) and records what was fetched. Closed after
 * each test.
 */
export function useSourceImageServers(): (files: Record<string, Buffer>) => Promise<SourceImageServer> {
  const listen = useLoopbackServers()
  return async (files) => {
    const requested: string[] = []
    const { origin } = await listen((req, res) => {
      const path = req.url ?? '/'
      requested.push(path)
      const bytes = files[path]
      if (!bytes) return void res.writeHead(404).end()
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(bytes)
    })
    return { url: (path) => `${origin}${path}`, requested }
  }
}
