import { describe, expect, it } from 'vitest'
import { sdEndpointOf, sdEndpoints, type ControlNetEndpoint, type SdEndpointId } from '#contract'
import { defaultDraft, type ParamsDraft } from '../../../renderer/src/features/workbench/draft'
import type { WorkbenchMode } from '../../../renderer/src/features/workbench/modes'
import { settingsFor } from '../../../renderer/src/features/workbench/request'

/*
 * The renderer routes with the contract's sdEndpointOf (the function main's task-request uses), and
 * the settings it sends follow that endpoint's registry row: what the row leaves out is absent, what
 * it rounds is rounded.
 */
const draft: ParamsDraft = {
  ...defaultDraft,
  prompt: 'a lighthouse',
  hr_scale: 1.5,
  cfg_scale: 7.5,
  hr_upscaler: 'R-ESRGAN 4x+',
  callbackUrl: 'https://hooks.example.com/done',
}

const cases: readonly [WorkbenchMode, ControlNetEndpoint, SdEndpointId][] = [
  ['text2image', 'controlnet-v2', 'text2image-v2'],
  ['image2image', 'controlnet-v2', 'image2image-v2'],
  ['inpaint', 'controlnet-v2', 'inpaint'],
  ['controlnet', 'controlnet-v2', 'controlnet-v2'],
  ['controlnet', 'text2image-v3', 'text2image-v3'],
]

describe('workbench request routing, derived from the registry', () => {
  it.each(cases)(
    '%s (ControlNet endpoint %s) reaches %s and sends its row’s fields',
    (mode, cn, expected) => {
      expect(sdEndpointOf(mode, cn)).toBe(expected)
      const row = sdEndpoints[expected]
      const settings = settingsFor(mode, { ...draft, controlnet: { ...draft.controlnet, endpoint: cn } })
      expect('callbackUrl' in settings).toBe(!row.unsentFields.includes('callbackUrl'))
      expect('hr_upscaler' in settings).toBe(!row.unsentFields.includes('hr_upscaler'))
      expect(settings.cfg_scale).toBe(row.wholeNumberFields.includes('cfg_scale') ? 8 : 7.5)
      expect(settings.hr_scale).toBe(row.wholeNumberFields.includes('hr_scale') ? 2 : 1.5)
    },
  )
})
