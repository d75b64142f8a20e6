import i18next, { type i18n } from 'i18next'
import { initReactI18next } from 'react-i18next'
import en from './en.json'
import zhCN from './zh-CN.json'

export const supportedLanguages = ['en', 'zh-CN'] as const
export type Language = (typeof supportedLanguages)[number]

type Catalog = Record<string, unknown>

/*
 * Each feature keeps its messages in `features/<feature>/i18n/{en,zh-CN}.json`; they are mounted
 * under the feature's name (`t('presets.title')`), so features never edit a shared catalog.
 */
const featureCatalogs = import.meta.glob<Catalog>('../../features/*/i18n/*.json', {
  eager: true,
  import: 'default',
})

function buildCatalog(language: Language, base: Catalog): Catalog {
  const catalog: Catalog = { ...base }
  for (const [path, messages] of Object.entries(featureCatalogs)) {
    const match = /features\/([^/]+)\/i18n\/([^/]+)\.json$/.exec(path)
    if (match?.[2] === language && match[1]) catalog[match[1]] = messages
  }
  return catalog
}

export const catalogs: Record<Language, Catalog> = {
  en: buildCatalog('en', en),
  'zh-CN': buildCatalog('zh-CN', zhCN),
}

const languageKey = 'img-open.language'

/** The user's choice if any, else the system language (any Chinese variant → zh-CN), else English. */
export function detectLanguage(stored: string | null, systemLanguages: readonly string[]): Language {
  if (stored === 'en' || stored === 'zh-CN') return stored
  return systemLanguages.some((lang) => lang.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en'
}

export async function createI18n(language: Language): Promise<i18n> {
  const instance = i18next.createInstance()
  await instance.use(initReactI18next).init({
    resources: { en: { translation: catalogs.en }, 'zh-CN': { translation: catalogs['zh-CN'] } },
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  })
  return instance
}

export const storedLanguage = (): string | null => localStorage.getItem(languageKey)
export const storeLanguage = (language: Language) => localStorage.setItem(languageKey, language)
