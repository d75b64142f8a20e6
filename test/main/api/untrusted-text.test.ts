import { describe, expect, it } from 'vitest'
import { cleanUntrusted, parseUntrusted, untrustedLimits } from '../../../main/services/api/untrusted-text'

const secret = 'CANARY-s3cr3t/+=value'
const keyId = 'CANARYKEYID0123456789'

describe('cleanUntrusted: what a service answers, cleaned before anything reads it', () => {
  it('replaces each secret, as is or percent-encoded, in every string and key at any depth', () => {
    const answer = {
      code: `4001${secret}`,
      msg: `bad key ${keyId}`,
      data: {
        field: secret,
        [`k-${secret}`]: 1,
        rows: [{ url: `https://x.test/a.png?k=${encodeURIComponent(secret)}`, n: 3, ok: true, nil: null }],
      },
    }
    expect(cleanUntrusted(answer, [secret, keyId])).toEqual({
      code: '4001[redacted]',
      msg: 'bad key [redacted]',
      data: {
        field: '[redacted]',
        'k-[redacted]': 1,
        rows: [{ url: 'https://x.test/a.png?k=[redacted]', n: 3, ok: true, nil: null }],
      },
    })
  })

  it('caps text, but keeps image payloads whole (their size is the answer cap)', () => {
    const long = 'word '.repeat(2000)
    const base64 = 'iVBORw0KGgo'.repeat(1000)
    const cleaned = cleanUntrusted(
      { desc: long, preview: base64, url: `data:image/png;base64,${base64}` },
      [],
    )
    expect(cleaned).toEqual({
      desc: long.slice(0, untrustedLimits.textChars),
      preview: base64,
      url: `data:image/png;base64,${base64}`,
    })
  })

  it('keeps a "__proto__" key a plain key, drops nesting deeper than any answer has, and ignores short secrets', () => {
    const hostile = JSON.parse('{"__proto__": {"polluted": "yes"}, "msg": "abc"}') as unknown
    const cleaned = cleanUntrusted(hostile, ['abc']) as Record<string, unknown>
    expect(Object.getPrototypeOf(cleaned)).toBe(Object.prototype)
    expect(Object.keys(cleaned)).toEqual(['__proto__', 'msg'])
    expect(cleaned.msg).toBe('abc')
    let deep: unknown = 'bottom'
    for (let i = 0; i < 10_000; i += 1) deep = [deep]
    expect(JSON.stringify(cleanUntrusted(deep, [])).length).toBeLessThan(200)
  })

  it('cleans a single string the same way', () => {
    expect(cleanUntrusted(`x${secret}y`, [secret])).toBe('x[redacted]y')
  })
})

describe('parseUntrusted: an answer text parsed and cleaned in one step', () => {
  it('cleans what cleanUntrusted cleans, also a secret spelled out with JSON escapes', () => {
    const escaped = [...secret]
      .map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
      .join('')
    const text = `{"msg":"bad ${keyId}","data":{"field":"${escaped}","k-${keyId}":[1,"${'word '.repeat(1000)}"]}}`
    const parsed = parseUntrusted(text, [secret, keyId])
    expect(parsed).toEqual(cleanUntrusted(JSON.parse(text) as unknown, [secret, keyId]))
    expect(parsed).toEqual({
      msg: 'bad [redacted]',
      data: {
        field: '[redacted]',
        'k-[redacted]': [1, 'word '.repeat(1000).slice(0, untrustedLimits.textChars)],
      },
    })
  })

  it('keeps a "__proto__" key a plain key, and answers undefined for text that is not JSON', () => {
    const cleaned = parseUntrusted('{"__proto__": {"polluted": "yes"}}', []) as Record<string, unknown>
    expect(Object.getPrototypeOf(cleaned)).toBe(Object.prototype)
    expect(Object.keys(cleaned)).toEqual(['__proto__'])
    expect(parseUntrusted('<html>busy</html>', [])).toBeUndefined()
  })
})
