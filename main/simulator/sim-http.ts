import type { IncomingMessage, ServerResponse } from 'node:http'

/** One request header's value (the first, if repeated). */
export const headerOf = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name.toLowerCase()]
  return Array.isArray(value) ? value[0] : value
}

/** Reads a request body up to `maxBytes`; null when it is larger (the rest is not read). */
export async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  const declared = Number(headerOf(req, 'content-length'))
  if (Number.isFinite(declared) && declared > maxBytes) return null
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > maxBytes) return null
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks, size)
}

/** Reads a JSON body; undefined when it is not JSON (or too large), null when there is none. */
export async function readJson(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const body = await readBody(req, maxBytes)
  if (body === null) return undefined
  if (body.length === 0) return null
  try {
    return JSON.parse(body.toString('utf8')) as unknown
  } catch {
    return undefined
  }
}

/** A small JSON answer outside the API envelope (the upload host's). */
export function sendPlainJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const payload = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(payload)),
    ...headers,
  })
  res.end(payload)
}

/** Image bytes, or only their headers for HEAD. */
export function sendBytes(res: ServerResponse, method: string, bytes: Buffer, contentType: string): void {
  res.writeHead(200, { 'content-type': contentType, 'content-length': String(bytes.length) })
  res.end(method === 'HEAD' ? undefined : bytes)
}

const expiredXml =
  '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>'

/** What an object store answers for an expired signed link: 403 with an XML error (no body for HEAD). */
export function sendExpired(res: ServerResponse, method: string): void {
  res.writeHead(403, {
    'content-type': 'application/xml',
    'content-length': String(Buffer.byteLength(expiredXml)),
  })
  res.end(method === 'HEAD' ? undefined : expiredXml)
}
