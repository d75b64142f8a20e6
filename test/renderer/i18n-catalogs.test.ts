import { describe, expect, it } from 'vitest'
import { detectLanguage, loadCatalog } from '../../renderer/src/shared/i18n'

const catalogs = { en: await loadCatalog('en'), 'zh-CN': await loadCatalog('zh-CN') }

const keys = (value: unknown, prefix = ''): string[] =>
  typeof value === 'object' && value !== null
    ? Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key))
    : [prefix]

describe('message catalogs', () => {
  it('have the same keys in English and Simplified Chinese', () => {
    expect(keys(catalogs['zh-CN']).sort()).toEqual(keys(catalogs.en).sort())
  })

  it('have no empty message', () => {
    for (const catalog of Object.values(catalogs)) {
      const empty = keys(catalog).filter((key) => {
        const value = key
          .split('.')
          .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], catalog)
        return typeof value !== 'string' || value.trim() === ''
      })
      expect(empty).toEqual([])
    }
  })

  it('keep the same {{placeholders}} in both languages', () => {
    const placeholders = (catalog: unknown) =>
      Object.fromEntries(
        keys(catalog).map((key) => {
          const value = key
            .split('.')
            .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], catalog)
          return [key, [...String(value).matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort()]
        }),
      )
    expect(placeholders(catalogs['zh-CN'])).toEqual(placeholders(catalogs.en))
  })

  it('picks the stored choice, else Chinese for any zh system language, else English', () => {
    expect(detectLanguage('en', ['zh-TW'])).toBe('en')
    expect(detectLanguage(null, ['zh-Hans-CN', 'en'])).toBe('zh-CN')
    expect(detectLanguage(null, ['fr-FR'])).toBe('en')
    expect(detectLanguage('klingon', ['en-US'])).toBe('en')
  })
})
