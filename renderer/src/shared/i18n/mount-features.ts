export type Catalog = Record<string, unknown>

/*
 * Each feature keeps its messages in `features/<feature>/i18n/{en,zh-CN}.json`; they are mounted
 * under the feature's name (`t('presets.title')`), so features never edit a shared catalog.
 */
export function mountFeatures(base: Catalog, features: Record<string, Catalog>): Catalog {
  const catalog: Catalog = { ...base }
  for (const [path, messages] of Object.entries(features)) {
    const feature = /features\/([^/]+)\/i18n\/[^/]+\.json$/.exec(path)?.[1]
    if (feature) catalog[feature] = messages
  }
  return catalog
}
