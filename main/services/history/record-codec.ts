import { deflateRawSync, inflateRawSync } from 'node:zlib'
import type { TaskRecord } from '#contract'

/*
 * How a task record is stored: one format byte, then the record's JSON. Format 1 deflates it with
 * a preset dictionary of what every record repeats (keys, defaults, the service's URLs, common
 * prompt words), which cuts a record to a third or less: the file, and so the integrity check at
 * start-up, shrinks with it. The dictionary is part of the file format: NEVER edit it; add a new
 * format byte with a new dictionary instead (a test holds a format-1 golden value).
 */

const formatJson = 0
const formatDeflateV1 = 1

const dictionaryV1 = Buffer.from(
  [
    'masterpiece, best quality, highly detailed, ultra detailed, 8k, photorealistic, 1girl, solo, looking at viewer, ',
    'worst quality, low quality, normal quality, lowres, bad anatomy, bad hands, blurry, watermark, text, EasyNegative, ',
    '<lora:',
    '"ADetailer":{"args":[{"ad_model":"face_yolov8n.pt","ad_prompt":"","ad_negative_prompt":"","ad_confidence":0.3,',
    '"ad_mask_min_ratio":0,"ad_mask_max_ratio":1,"ad_dilate_erode":32,"ad_x_offset":0,"ad_y_offset":0,',
    '"ad_mask_merge_invert":"None","ad_mask_blur":4,"ad_denoising_strength":0.4,"ad_inpaint_only_masked":true,',
    '"ad_inpaint_only_masked_padding":0,"ad_use_inpaint_width_height":false,"ad_inpaint_width":512,',
    '"ad_inpaint_height":512,"ad_use_steps":true,"ad_steps":28,"ad_use_cfg_scale":false,"ad_cfg_scale":7,',
    '"ad_use_sampler":false,"ad_sampler":"DPM++ 2M Karras","ad_use_noise_multiplier":false,"ad_noise_multiplier":1,',
    '"ad_restore_face":false,"ad_controlnet_model":"None","ad_controlnet_module":"None","ad_controlnet_weight":1,',
    '"ad_controlnet_guidance_start":0,"ad_controlnet_guidance_end":1}]}',
    '"override_settings":{"CLIP_stop_at_last_layers":2},"output_image_format":"png",',
    '"error":{"code":"server","message":"","details":{"httpStatus":500}},"status":"failed","status":"cancelled",',
    '"status":"running","status":"queued","status":"submitting","paramsUnknown":true,',
    '{"id":"","kind":"text2image","profileId":"","profileName":"","params":{"prompt":"","negative_prompt":"",',
    '"n_iter":1,"batch_size":1,"steps":25,"seed":-1,"restore_faces":false,"enable_hr":false,"hr_scale":2,',
    '"hr_second_pass_steps":20,"hr_resize_x":0,"hr_resize_y":0,"denoising_strength":0.55,"width":512,"height":512,',
    '"cfg_scale":7,"sampler_index":"DPM++ 2M Karras","alwayson_scripts":{"sd_model_checkpoint":".safetensors","sd_vae":""}},',
    '"status":"succeeded","description":null,"createdAt":1700000000000,"updatedAt":1700000000000,',
    '"finishedAt":1700000000000,"error":null,"images":[{"url":"https://aigcoss.zhiqiteai.cn/api/outputs/txt2img-images/',
    '","seed":0,"status":2,"auditPassed":true,"auditLabels":[],"cacheKey":null}]}',
  ].join(''),
)

/** The stored form of a record. */
export function encodeRecord(record: TaskRecord): Buffer {
  const json = Buffer.from(JSON.stringify(record))
  return Buffer.concat([Uint8Array.of(formatDeflateV1), deflateRawSync(json, { dictionary: dictionaryV1 })])
}

/** A stored record back as JSON text; throws on an unknown format or damaged bytes. */
export function decodeRecordText(body: Uint8Array): string {
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength)
  if (bytes[0] === formatDeflateV1)
    return inflateRawSync(bytes.subarray(1), { dictionary: dictionaryV1 }).toString('utf8')
  if (bytes[0] === formatJson) return bytes.subarray(1).toString('utf8')
  throw new Error('Unknown task record format')
}

/** A stored record, parsed; not schema-checked (it was checked before it was written). */
export const decodeRecord = (body: Uint8Array): TaskRecord => JSON.parse(decodeRecordText(body)) as TaskRecord
