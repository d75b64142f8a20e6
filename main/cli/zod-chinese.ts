import { config } from 'zod'
import zhCN from 'zod/v4/locales/zh-CN.js'

/**
 * Schema messages (a params file's bad field) in Chinese. Imported by name, in a module of its
 * own: `z.locales` or a dynamic `import('zod')` would carry all of zod and its 40-odd languages
 * into the CLI's bundle, where zod is bundled rather than loaded file by file (issue 17).
 */
export function useChineseSchemaMessages(): void {
  config(zhCN())
}
