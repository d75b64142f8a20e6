import { describe, expect, it } from 'vitest'
import { toolRegistry } from '#contract'
import {
  initialValues,
  readForm,
  valuesFromBody,
} from '../../../renderer/src/features/tools/form/field-values'
import { pickedFromLink } from '../../../renderer/src/features/sources'

const link = (url: string) => pickedFromLink(url)

describe('a tool form read against its registry row', () => {
  it('starts from the documented defaults and sends only what is filled, with the API types', () => {
    const fields = toolRegistry.promptExpand.fields
    const values = { ...initialValues(fields), sourcePrompt: 'a fox', mode: '1', topP: '' }
    const read = readForm(fields, values)
    // mode is a number enum (0 = SD, 1 = SDXL); topP left empty is not sent at all.
    expect(read).toEqual({
      ok: true,
      input: { body: { sourcePrompt: 'a fox', mode: 1, sequencesNum: 3 }, images: {} },
      pickedImages: [],
    })
  })

  it("sends face swap v2's fidelity as text, as the API types it, and checks its range", () => {
    const fields = toolRegistry.roopV2.fields
    const images = {
      sourceUrl: link('https://in.example/a.png'),
      targetUrl: link('https://in.example/b.png'),
    }
    expect(readForm(fields, { ...images, fidelityWeight: '0.5' })).toMatchObject({
      ok: true,
      input: {
        body: { fidelityWeight: '0.5' },
        images: {
          sourceUrl: { type: 'url', url: 'https://in.example/a.png' },
          targetUrl: { type: 'url', url: 'https://in.example/b.png' },
        },
      },
    })
    expect(readForm(fields, { ...images, fidelityWeight: '1.5' })).toEqual({
      ok: false,
      issues: { fidelityWeight: { kind: 'max', max: 1 } },
    })
  })

  it('names every field that cannot go out: a missing image, a list outside its bounds, a fraction for a whole number', () => {
    const fields = toolRegistry.faceFusion.fields
    const three = [
      link('https://a.example/1.png'),
      link('https://a.example/2.png'),
      link('https://a.example/3.png'),
    ]
    expect(
      readForm(fields, { sourceUrl: three, targetUrl: null, faceIdx: '1.5', callbackUrl: 'ftp://x' }),
    ).toEqual({
      ok: false,
      issues: {
        sourceUrl: { kind: 'images', min: 1, max: 2 },
        targetUrl: { kind: 'required' },
        faceIdx: { kind: 'notWhole' },
        callbackUrl: { kind: 'notLink' },
      },
    })
  })

  it('turns a sent body back into the form, image links into slots', () => {
    const fields = toolRegistry.imgExpand.fields
    const values = valuesFromBody(
      fields,
      {
        sourceImage: 'https://in.example/s.png',
        imageCount: 2,
        verticalExpansionRatio: 2,
        horizontalExpansionRatio: 1.5,
        unknown: 'x',
      },
      link,
    )
    expect(values).toMatchObject({
      imageCount: '2',
      verticalExpansionRatio: '2',
      sourceImage: { source: { type: 'url', url: 'https://in.example/s.png' } },
    })
    expect(values).not.toHaveProperty('unknown')
    expect(readForm(fields, values)).toMatchObject({
      ok: true,
      input: { body: { imageCount: 2, verticalExpansionRatio: 2 } },
    })
  })
})
