import i18next, { type i18n } from 'i18next'
import { initReactI18next } from 'react-i18next'
import { catalog as en } from './catalog-en'
import type { Catalog } from './mount-features'

export const supportedLanguages = ['en', 'zh-CN'] as const
export type Language = (typeof supportedLanguages)[number]

/*
 * Only the language shown is loaded at start (issue 13 §10: the catalogs were a large part of the
 * entry chunk); English is always there as the fallback, Chinese comes in its own chunk.
 */
const catalogLoaders = {
  en: () => Promise.resolve(en),
  'zh-CN': () => import('./catalog-zh-CN').then((module) => module.catalog),
} as const satisfies Record<Language, () => Promise<Catalog>>

/** One language's catalog (features mounted under their names). */
export const loadCatalog = (language: Language): Promise<Catalog> => catalogLoaders[language]()

const languageKey = 'img-open.language'

/** The user's choice if any, else the system language (any Chinese variant → zh-CN), else English. */
export function detectLanguage(stored: string | null, systemLanguages: readonly string[]): Language {
  if (stored === 'en' || stored === 'zh-CN') return stored
  return systemLanguages.some((lang) => lang.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en'
}

export async function createI18n(language: Language): Promise<i18n> {
  const instance = i18next.createInstance()
  const resources: Partial<Record<Language, { translation: Catalog }>> = { en: { translation: en } }
  if (language !== 'en') resources[language] = { translation: await loadCatalog(language) }
  await instance.use(initReactI18next).init({
    resources,
    // Languages not loaded yet are added by switchLanguage.
    partialBundledLanguages: true,
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  })
  return instance
}

/** Shows another language, loading its catalog first if it is not loaded yet. */
export async function switchLanguage(instance: i18n, language: Language): Promise<void> {
  if (!instance.hasResourceBundle(language, 'translation'))
    instance.addResourceBundle(language, 'translation', await loadCatalog(language))
  await instance.changeLanguage(language)
}

export const storedLanguage = (): string | null => localStorage.getItem(languageKey)
export const storeLanguage = (language: Language) => localStorage.setItem(languageKey, language)
