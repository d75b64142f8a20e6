import { describe, expect, it } from 'vitest'
import { text2ImageParamsSchema } from '#contract'
import { decodeRecord, encodeRecord } from '../../../main/services/history/record-codec'
import { makeTaskRecord } from './fixtures/task-records'

describe('stored record format', () => {
  it('stores a record compactly and reads it back exactly', () => {
    const record = makeTaskRecord({
      prompt: '一个女孩，红色围巾, masterpiece, best quality',
      negativePrompt: 'worst quality, low quality',
    })
    const stored = encodeRecord(record)
    expect(decodeRecord(stored)).toEqual(record)
    expect(stored.length).toBeLessThan(JSON.stringify(record).length / 2)
  })

  it('still reads a record written by format 1 (its dictionary must never change)', () => {
    const written = Buffer.from(
      'AYOm5PT8nJTUPF1DIlJ0AUaSfrJj94tljdgTdqJCDij2M/JLi1N1FJ43rn+6cMpoYqc4sRenVOSgJHjaJXJD3IncEE8ij60FAA==',
      'base64',
    )
    expect(decodeRecord(written)).toEqual({
      id: 'golden-1',
      kind: 'text2image',
      profileId: 'p',
      profileName: '主要',
      params: text2ImageParamsSchema.parse({
        prompt: 'a lighthouse, 灯塔',
        alwayson_scripts: { sd_model_checkpoint: 'sdxl.safetensors' },
      }),
      status: 'succeeded',
      description: null,
      createdAt: 1700000000000,
      updatedAt: 1700000001000,
      finishedAt: 1700000001000,
      error: null,
      images: [],
    })
  })

  it('refuses damaged or unknown bytes instead of inventing a record', () => {
    const stored = encodeRecord(makeTaskRecord())
    expect(() => decodeRecord(Buffer.concat([Uint8Array.of(9), stored.subarray(1)]))).toThrow()
    expect(() => decodeRecord(stored.subarray(0, 10))).toThrow()
  })
})
