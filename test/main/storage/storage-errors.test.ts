import { describe, expect, it } from 'vitest'
import { storageError } from '../../../main/services/storage/storage-errors'

const target = { bucket: 'bkt', endpointHost: 'minio.example.test' }
const secret = 'wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY'
const answered = (name: string, status: number) => ({ name, $metadata: { httpStatusCode: status } })

describe('storage errors name only what the app knows (SECURITY.md #25)', () => {
  it('keeps a known S3 error name as the reason', () => {
    const error = storageError(answered('SignatureDoesNotMatch', 403), target, { cancelled: false })
    expect(error.details).toMatchObject({ reason: 'SignatureDoesNotMatch', status: 403 })
  })

  it('names a server’s unknown error (which may echo a key) by its status alone', () => {
    for (const status of [403, 400, 418]) {
      const error = storageError(answered(secret, status), target, { cancelled: false })
      expect(error.details).toMatchObject({ reason: `status_${status}`, status })
      expect(JSON.stringify({ message: error.message, details: error.details })).not.toContain(secret)
    }
  })
})
