import base from './en.json'
import { mountFeatures, type Catalog } from './mount-features'

/** The English catalog: always loaded, it is every language's fallback. */
export const catalog: Catalog = mountFeatures(
  base,
  import.meta.glob<Catalog>('../../features/*/i18n/en.json', { eager: true, import: 'default' }),
)
