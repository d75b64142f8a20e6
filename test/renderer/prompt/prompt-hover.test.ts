import { describe, expect, it } from 'vitest'
import { describePosition } from '../../../renderer/src/features/prompt/editor/prompt-hover'
import { analyzePrompt } from '../../../renderer/src/features/prompt/tokenize'
import { createI18n } from '../../../renderer/src/shared/i18n'

async function hoverText(language: 'en' | 'zh-CN', text: string, at: number, options = {}) {
  const i18n = await createI18n(language)
  return describePosition(analyzePrompt(text, options), text, at, (key, values) => i18n.t(key, values))
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

describe('prompt hover text with AND and comments', () => {
  const text = 'a cat AND (dog:1.2) AND bird :0.5'

  it('adds the sub-prompt and its AND weight to the weight of a word', async () => {
    expect(await hoverText('en', text, text.indexOf('dog'))).toBe(
      'Weight 1.2 · Sub-prompt 2 of 3, AND weight 1',
    )
    expect(await hoverText('en', text, text.indexOf('bird'))).toBe('Sub-prompt 3 of 3, AND weight 0.5')
    expect(await hoverText('zh-CN', text, text.indexOf('cat'))).toBe('子提示词 1/3，AND 权重 1')
  })

  it('explains AND and the weight that ends a sub-prompt', async () => {
    expect(await hoverText('en', text, text.indexOf('AND'))).toBe(
      'AND: composable diffusion. The prompt is split into 3 sub-prompts, each guiding the image with its own weight',
    )
    expect(await hoverText('en', text, text.indexOf(':0.5') + 2)).toBe(
      'AND weight 0.5 of sub-prompt 3 of 3: A1111 reads a “:number” at the end of a sub-prompt as how strongly it guides the image, with or without AND',
    )
    expect(await hoverText('en', 'cat:1.5', 1)).toBe('Sub-prompt 1 of 1, AND weight 1.5')
  })

  it('says nothing about AND in a negative prompt', async () => {
    expect(await hoverText('en', text, text.indexOf('AND'), { composable: false })).toBeNull()
  })

  it('says a comment may reach a service that does not remove it, and gives no weight inside it', async () => {
    const commented = '(cat) # (not weighed)\ndog'
    expect(await hoverText('en', commented, commented.indexOf('not'))).toBe(
      'Comment: A1111 1.8 and later leave it out of the prompt (setting “Enable comments”, on by default); a service without that setting reads it as prompt text',
    )
    expect(await hoverText('zh-CN', commented, commented.indexOf('#'))).toMatch(/^注释：/)
    expect(await hoverText('en', commented, commented.indexOf('dog'))).toBeNull()
  })
})
