import { describe, expect, it } from 'vitest'
import { describePosition } from '../../../renderer/src/features/prompt/editor/prompt-hover'
import { analyzePrompt } from '../../../renderer/src/features/prompt/tokenize'
import { createI18n } from '../../../renderer/src/shared/i18n'

async function hoverText(language: 'en' | 'zh-CN', text: string, at: number) {
  const i18n = await createI18n(language)
  return describePosition(analyzePrompt(text), text, at, (key, values) => i18n.t(key, values))
}

describe('prompt hover text', () => {
  const text = '((cat)) [dog:fox:0.25] <lora:add_detail:0.6> (a b'

  it('shows the effective weight of a word', async () => {
    expect(await hoverText('en', text, 2)).toBe('Weight 1.21')
    expect(await hoverText('zh-CN', text, 2)).toBe('权重 1.21')
  })

  it('says nothing over text at weight 1', async () => {
    expect(await hoverText('en', text, text.indexOf('dog'))).toBeNull()
  })

  it('explains schedule steps, LoRA tags and unbalanced brackets', async () => {
    expect(await hoverText('en', text, text.indexOf('0.25'))).toBe('Switches after 25% of the steps')
    expect(await hoverText('en', text, text.indexOf('add_detail'))).toBe('LoRA “add_detail”, strength 0.6')
    expect(await hoverText('zh-CN', text, text.lastIndexOf('('))).toBe(
      '括号不配对：A1111 会把它作用到提示词末尾',
    )
  })
})
