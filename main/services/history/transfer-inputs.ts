import { isImageField, toolRegistry, type TaskRecord } from '#contract'

/*
 * What an export and an import do with the input images of img2img, inpaint and ControlNet tasks.
 *
 * Export: an export is a file people keep and share, so no link in it may grant access to anything.
 * A presigned link carries the storage's access key id, an expiry and a signature that lets anyone
 * holding it read the object (an STS session token too, with temporary keys). Such links are
 * exported as the object's plain address: its query, and any user:password, are dropped; the link
 * already stops working within the hour, the local copy (cacheKey) is what a re-run uses, and the
 * address still tells where the image went. Links that carry no signature (a pasted public link, a
 * result's service URL) are exported as they are, as the service was given them.
 *
 * Import: an uploaded object the exporting app had not yet removed (`storageObject` set, not kept)
 * is a deletion that app still owes its own storage. An imported task must never make this app
 * delete anything from a storage, so such inputs arrive without `storageObject`.
 */

/** Query parameters that make a link a credential: S3/R2/MinIO (SigV4, SigV2), OSS, COS, GCS, Azure. */
const signingParameter =
  /^(x-amz-|x-oss-|x-cos-|x-goog-|q-)|^(signature|sig|awsaccesskeyid|ossaccesskeyid|security-token|x-security-token)$/i

/**
 * The link without what makes it a credential: the query of a signed link (of any link when
 * `dropQuery`) and any user:password. Unsigned links come back unchanged, byte for byte.
 */
export function unsignedLink(link: string, dropQuery = false): string {
  let url: URL
  try {
    url = new URL(link)
  } catch {
    return link
  }
  const signed = [...url.searchParams.keys()].some((name) => signingParameter.test(name))
  if (!signed && !dropQuery && url.username === '' && url.password === '') return link
  url.username = ''
  url.password = ''
  if (signed || dropQuery) {
    url.search = ''
    url.hash = ''
  }
  return url.toString()
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** A tool body's image fields (tool-rows.ts), as well as every SD `…_link` field. */
const toolImageFields = new Set(
  Object.values(toolRegistry).flatMap((row) => row.fields.filter(isImageField).map((field) => field.name)),
)
const isLinkKey = (key: string) => key.endsWith('_link') || toolImageFields.has(key)

/**
 * Every `…_link` field of the params, wherever it sits (`alwayson_scripts.image_link`, `mask_link`,
 * each ControlNet unit's `image_link`), so a link field added to a kind later is covered too.
 */
function withUnsignedLinks(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withUnsignedLinks)
  if (!isObject(value)) return value
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      isLinkKey(key) && typeof inner === 'string'
        ? unsignedLink(inner)
        : isLinkKey(key) && Array.isArray(inner)
          ? inner.map((item) => (typeof item === 'string' ? unsignedLink(item) : item))
          : withUnsignedLinks(inner),
    ]),
  )
}

/** Cheap test on the stored JSON: only records that hold input links need rewriting. */
const mayHoldInputLinks = (json: string) => json.includes('_link"') || json.includes('"inputs"')

/** The record as it goes into an export: no signed link anywhere in its inputs or params. */
export function exportedRecord(record: TaskRecord): TaskRecord {
  return {
    ...record,
    // The same shape back: only string values of link fields changed.
    ...(record.kind === 'custom'
      ? { body: withUnsignedLinks(record.body) as typeof record.body }
      : { params: withUnsignedLinks(record.params) as typeof record.params }),
    ...(record.inputs === undefined
      ? {}
      : {
          inputs: record.inputs.map((input) => ({
            ...input,
            url: unsignedLink(input.url, input.origin === 'upload'),
          })),
        }),
  } as TaskRecord
}

/** An exported record's JSON text, rewritten only when it may hold input links. */
export const exportedRecordText = (json: string): string =>
  mayHoldInputLinks(json) ? JSON.stringify(exportedRecord(JSON.parse(json) as TaskRecord)) : json

/** The record as an import stores it: no pending deletion of someone's uploaded objects. */
export function importedRecord(record: TaskRecord): TaskRecord {
  const owed = record.inputs?.some((input) => input.storageObject !== null && !input.keepUpload)
  if (owed !== true || record.inputs === undefined) return record
  return {
    ...record,
    inputs: record.inputs.map((input) => (input.keepUpload ? input : { ...input, storageObject: null })),
  }
}
