import base from './zh-CN.json'
import { mountFeatures, type Catalog } from './mount-features'

/** The Simplified Chinese catalog: its own chunk, loaded only when Chinese is shown. */
export const catalog: Catalog = mountFeatures(
  base,
  import.meta.glob<Catalog>('../../features/*/i18n/zh-CN.json', { eager: true, import: 'default' }),
)
