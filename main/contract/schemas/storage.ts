import { z } from 'zod'
import { storageLimits } from '../limits'
import { checkBaseUrl } from './base-url'

export { storageLimits }

/** S3 bucket naming rules (also what OSS, COS, R2 and MinIO accept). */
const bucketSchema = z
  .string()
  .trim()
  .min(3)
  .max(63)
  .regex(/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/, 'A bucket name is lower-case letters, digits, dots and hyphens.')

/**
 * A profile's own S3-compatible storage (AWS S3, Aliyun OSS, Tencent COS, Cloudflare R2, MinIO),
 * where local input images are uploaded so the service can fetch them by a presigned link. Its
 * access keys live in the OS keychain beside the API keys, never here.
 */
export const storageConfigSchema = z
  .object({
    /** The S3 endpoint, e.g. https://oss-cn-hangzhou.aliyuncs.com; absent = AWS S3 for the region. */
    endpoint: z
      .string()
      .trim()
      .max(2048)
      .refine((text) => checkBaseUrl(text) === 'ok', 'Use an http:// or https:// address without a query.')
      .optional(),
    region: z.string().trim().min(1).max(64).default('us-east-1'),
    bucket: bucketSchema,
    /** Object keys start with this (no leading slash). */
    prefix: z
      .string()
      .trim()
      .max(storageLimits.prefixMaxLength)
      .regex(/^(?!\/)[\w!\-.*'()/]*$/, "A prefix is letters, digits and !-_.*'()/, not starting with /.")
      .default('img-open-workbench/'),
    /** Path-style URLs (bucket in the path): MinIO and most self-hosted servers need it. */
    forcePathStyle: z.boolean().default(false),
    urlExpirySeconds: z
      .number()
      .int()
      .min(storageLimits.urlExpirySeconds.min)
      .max(storageLimits.urlExpirySeconds.max)
      .default(storageLimits.urlExpirySeconds.default),
    /** Keep uploaded objects after their task ends (default: delete them). */
    keepUploads: z.boolean().default(false),
  })
  .strict()

export type StorageConfigInput = z.input<typeof storageConfigSchema>
export type StorageConfig = z.output<typeof storageConfigSchema>
