import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useClient } from '../../app/client-context'
import type { CompareItem } from './param-diff'
import { ParamDiff } from './ParamDiff'
import { useFullImage } from './use-full-image'
import { useViewerStore } from './viewer-store'

type CompareMode = 'side' | 'slider'

function CompareImage({ item, label }: { item: CompareItem; label: string }) {
  const client = useClient()
  const src = useFullImage(client, item.record.images[item.imageIndex]?.cacheKey ?? null)
  if (typeof src !== 'string' || src === 'failed') return <span className="viewer-placeholder">{label}</span>
  return <img src={src} alt={label} draggable={false} />
}

/**
 * Two results side by side, or one over the other with a slider (←/→ move it), and what differs
 * between their parameters. S switches the layout; Esc closes.
 */
export function CompareView({ a, b }: { readonly a: CompareItem; readonly b: CompareItem }) {
  const { t } = useTranslation()
  const close = useViewerStore((state) => state.closeCompare)
  const [mode, setMode] = useState<CompareMode>('side')
  const [split, setSplit] = useState(50)
  const root = useRef<HTMLDivElement>(null)
  useEffect(() => root.current?.focus(), [])
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.target instanceof HTMLInputElement && event.key !== 'Escape') return
      const actions: Record<string, () => void> = {
        Escape: close,
        s: () => setMode((current) => (current === 'side' ? 'slider' : 'side')),
        ArrowLeft: () => setSplit((value) => Math.max(0, value - 5)),
        ArrowRight: () => setSplit((value) => Math.min(100, value + 5)),
      }
      const action = event.ctrlKey || event.metaKey || event.altKey ? undefined : actions[event.key]
      if (!action) return
      event.preventDefault()
      event.stopPropagation()
      action()
    }
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [close])
  const labelOf = (item: CompareItem, letter: string) =>
    t('viewer.compare.label', { letter, seed: item.record.images[item.imageIndex]?.seed ?? '?' })
  return (
    <div
      ref={root}
      className="viewer compare"
      role="dialog"
      aria-modal="true"
      aria-label={t('viewer.compare.title')}
      tabIndex={-1}
    >
      <div className="viewer-main">
        <div className="viewer-toolbar" role="toolbar" aria-label={t('viewer.toolbar')}>
          <strong>{t('viewer.compare.title')}</strong>
          <span className="viewer-spacer" />
          <div role="radiogroup" aria-label={t('viewer.compare.layout')} className="viewer-buttons">
            {(['side', 'slider'] as const).map((value) => (
              <button
                key={value}
                type="button"
                role="radio"
                aria-checked={mode === value}
                onClick={() => setMode(value)}
                title="S"
              >
                {t(`viewer.compare.${value}`)}
              </button>
            ))}
          </div>
          <button type="button" onClick={close} title="Esc">
            {t('viewer.close')}
          </button>
        </div>
        {mode === 'side' ? (
          <div className="compare-side">
            <figure>
              <CompareImage item={a} label={labelOf(a, 'A')} />
              <figcaption>{labelOf(a, 'A')}</figcaption>
            </figure>
            <figure>
              <CompareImage item={b} label={labelOf(b, 'B')} />
              <figcaption>{labelOf(b, 'B')}</figcaption>
            </figure>
          </div>
        ) : (
          <div className="compare-slider">
            <div className="compare-layers">
              <CompareImage item={a} label={labelOf(a, 'A')} />
              <div className="compare-top" style={{ clipPath: `inset(0 0 0 ${split}%)` }}>
                <CompareImage item={b} label={labelOf(b, 'B')} />
              </div>
              <span className="compare-line" style={{ left: `${split}%` }} aria-hidden="true" />
            </div>
            <input
              type="range"
              min={0}
              max={100}
              value={split}
              aria-label={t('viewer.compare.split')}
              onChange={(event) => setSplit(Number(event.target.value))}
            />
          </div>
        )}
      </div>
      <aside className="viewer-side">
        <ParamDiff a={a} b={b} />
      </aside>
    </div>
  )
}
