import { createHash, createHmac } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'

/** A request as the server received it. */
export interface SignedRequest {
  readonly method: string
  /** Path and query exactly as sent. */
  readonly url: string
  readonly headers: IncomingHttpHeaders
}

/** The S3 error a request earns, or null when its signature is right. */
export interface SignatureRefusal {
  readonly code: 'AccessDenied' | 'InvalidAccessKeyId' | 'SignatureDoesNotMatch'
  readonly message: string
  /** What S3 echoes back with SignatureDoesNotMatch (no secret in them). */
  readonly stringToSign?: string
  readonly canonicalRequest?: string
}

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex')
const hmac = (key: Buffer | string, text: string) => createHmac('sha256', key).update(text).digest()

/** RFC 3986 encoding, as SigV4 canonicalises query parameters. */
const encode = (text: string) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)

function canonicalQuery(query: string, without: string | null): string {
  return query
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const [name = '', value = ''] = pair.split(/=(.*)/s)
      return [encode(decodeURIComponent(name)), encode(decodeURIComponent(value.replace(/\+/g, '%20')))]
    })
    .filter(([name]) => name !== without)
    .sort(([a = '', x = ''], [b = '', y = '']) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1))
    .map(([name, value]) => `${name}=${value}`)
    .join('&')
}

const headerValue = (headers: IncomingHttpHeaders, name: string) => {
  const value = headers[name]
  return (Array.isArray(value) ? value.join(',') : (value ?? '')).trim().replace(/\s+/g, ' ')
}

/** The parts of SigV4 auth, from the Authorization header or a presigned link's query. */
function authOf(request: SignedRequest, query: URLSearchParams) {
  const header = headerValue(request.headers, 'authorization')
  if (header.startsWith('AWS4-HMAC-SHA256 ')) {
    const field = (name: string) => new RegExp(`${name}=([^,\\s]+)`).exec(header)?.[1] ?? ''
    return {
      credential: field('Credential'),
      signedHeaders: field('SignedHeaders'),
      signature: field('Signature'),
      amzDate: headerValue(request.headers, 'x-amz-date'),
      payloadHash: headerValue(request.headers, 'x-amz-content-sha256'),
      presigned: false,
    }
  }
  if (query.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') return null
  return {
    credential: query.get('X-Amz-Credential') ?? '',
    signedHeaders: query.get('X-Amz-SignedHeaders') ?? '',
    signature: query.get('X-Amz-Signature') ?? '',
    amzDate: query.get('X-Amz-Date') ?? '',
    payloadHash: 'UNSIGNED-PAYLOAD',
    presigned: true,
  }
}

/**
 * Checks a request's AWS Signature Version 4 (Authorization header or presigned query) as S3 does,
 * for one key pair: the refusal S3 would answer, or null. The payload itself is not hashed: like
 * the SDK's requests, it is taken as the x-amz-content-sha256 header declares it.
 */
export function checkSignature(
  request: SignedRequest,
  keys: { readonly accessKeyId: string; readonly secretAccessKey: string },
): SignatureRefusal | null {
  const [path = '', rawQuery = ''] = request.url.split(/\?(.*)/s)
  const auth = authOf(request, new URLSearchParams(rawQuery))
  if (auth === null) return { code: 'AccessDenied', message: 'Access Denied' }
  const [keyId, ...scopeParts] = auth.credential.split('/')
  if (keyId !== keys.accessKeyId) {
    return {
      code: 'InvalidAccessKeyId',
      message: 'The AWS Access Key Id you provided does not exist in our records.',
    }
  }
  const scope = scopeParts.join('/')
  const [day = '', region = '', service = ''] = scopeParts
  const names = auth.signedHeaders.split(';')
  const canonicalRequest = [
    request.method,
    path,
    canonicalQuery(rawQuery, auth.presigned ? 'X-Amz-Signature' : null),
    ...names.map((name) => `${name}:${headerValue(request.headers, name)}`),
    '',
    auth.signedHeaders,
    auth.payloadHash,
  ].join('\n')
  const stringToSign = ['AWS4-HMAC-SHA256', auth.amzDate, scope, sha256Hex(canonicalRequest)].join('\n')
  const signingKey = hmac(
    hmac(hmac(hmac(`AWS4${keys.secretAccessKey}`, day), region), service),
    'aws4_request',
  )
  const expected = createHmac('sha256', signingKey).update(stringToSign).digest('hex')
  if (expected === auth.signature) return null
  return {
    code: 'SignatureDoesNotMatch',
    message:
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    stringToSign,
    canonicalRequest,
  }
}
