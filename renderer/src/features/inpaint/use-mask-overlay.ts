import { useCallback, useEffect, useMemo, useState, type RefObject } from 'react'
import { drawOverlay } from './mask-image'
import type { MaskDocument } from './mask-document'
import { countPaintedPixels, createMaskRaster } from './mask-raster'

export interface MaskOverlay {
  /** Shows `doc` on the overlay canvas, redrawing only what changed (used for the live stroke). */
  readonly show: (doc: MaskDocument) => void
  /** Shows the current value again, e.g. after a stroke the caller may not have accepted. */
  readonly resync: () => void
}

/**
 * Keeps the overlay canvas (at the source's pixel size) in step with the mask document. The
 * canvas carries `data-painted-pixels`, the number of pixels marked, for end-to-end checks.
 */
export function useMaskOverlay(
  canvasRef: RefObject<HTMLCanvasElement | null>,
  width: number,
  height: number,
  value: MaskDocument,
): MaskOverlay {
  const raster = useMemo(() => createMaskRaster(width, height), [width, height])
  const [syncs, setSyncs] = useState(0)

  const show = useCallback(
    (doc: MaskDocument) => {
      const changed = raster.update(doc)
      const context = canvasRef.current?.getContext('2d')
      if (changed && context) drawOverlay(context, raster.pixels, raster.width, changed)
    },
    [canvasRef, raster],
  )

  useEffect(() => {
    show(value)
    const canvas = canvasRef.current
    if (canvas) canvas.dataset.paintedPixels = String(countPaintedPixels(raster.pixels))
  }, [canvasRef, raster, show, value, syncs])

  const resync = useCallback(() => setSyncs((count) => count + 1), [])
  return { show, resync }
}
