import { createImageCache } from '../../main/services/images/image-cache'
import { createImagesHandlers } from '../../main/services/images/images-handlers'
import { createLogger, createSecretRedactor } from '../../main/services/logger'
import { paintImage } from '../../main/simulator/png'
import { demoProfile } from './demo-profile'
import { createInProcessMain, type TestHandlers } from './in-process-main'

/** A PNG file of `width`×`height` whose pixels depend on `key` (same key, same bytes). */
export const pngFile = (name: string, width: number, height: number, key = name) =>
  new File([new Uint8Array(paintImage({ key, width, height, progress: 1 }))], name, { type: 'image/png' })

/**
 * What the Training screen talks to: the real dispatcher, the real image cache on a temp dir (so
 * thumbnails, sizes and SHA-256 keys are main's own), the demo profile, and `extra` handlers.
 */
export function createTrainingMain(dataDir: string, extra: TestHandlers = {}) {
  const logger = createLogger({ redactor: createSecretRedactor() })
  const imageCache = createImageCache({ dataDir, logger })
  const main = createInProcessMain({
    ...(createImagesHandlers({ imageCache }) as unknown as TestHandlers),
    'profiles.list': () => ({ profiles: [demoProfile], activeProfileId: 'demo' }),
    ...extra,
  })
  return { ...main, imageCache, close: () => imageCache.close() }
}
