import { act, fireEvent, render, screen } from '@testing-library/react'
import { useState } from 'react'
import { I18nextProvider } from 'react-i18next'
import { afterEach, beforeEach, vi } from 'vitest'
import { MaskPainter } from '../../../renderer/src/features/inpaint'
import { initialBrush, useInpaintStore } from '../../../renderer/src/features/inpaint/inpaint-store'
import { emptyMask, type MaskDocument } from '../../../renderer/src/features/inpaint/mask-document'
import { createI18n } from '../../../renderer/src/shared/i18n'
import { installCanvasStub } from './canvas-stub'

/*
 * Mounts the painter as the workbench will: controlled, the host keeping the mask in its state.
 * jsdom lacks layout, pointer capture and ResizeObserver; the stand-ins below give the viewport a
 * 400×300 size and let pointer capture calls succeed, nothing more.
 */
export const viewportSize = { width: 400, height: 300 }

class FixedSizeObserver {
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(target: Element) {
    const entry = { target, contentRect: { ...viewportSize } } as unknown as ResizeObserverEntry
    this.callback([entry], this as unknown as ResizeObserver)
  }
  unobserve() {}
  disconnect() {}
}

export function installLayoutStubs(): void {
  vi.stubGlobal('ResizeObserver', FixedSizeObserver)
  for (const name of ['setPointerCapture', 'releasePointerCapture'] as const) {
    if (!(name in Element.prototype))
      Object.defineProperty(Element.prototype, name, { value: () => undefined, configurable: true })
  }
  if (!('hasPointerCapture' in Element.prototype)) {
    Object.defineProperty(Element.prototype, 'hasPointerCapture', { value: () => false, configurable: true })
  }
}

/**
 * For every test of the calling `describe`: the canvas and layout stand-ins and the default brush
 * before it, the stand-ins removed after it.
 */
export function withPainterStubs(): void {
  beforeEach(() => {
    installCanvasStub()
    installLayoutStubs()
    useInpaintStore.setState(initialBrush)
  })
  afterEach(() => {
    vi.restoreAllMocks()
    vi.unstubAllGlobals()
  })
}

interface HostProps {
  readonly initial: MaskDocument
  readonly width: number
  readonly height: number
  readonly onChange: (doc: MaskDocument) => void
}

function Host({ initial, width, height, onChange }: HostProps) {
  const [value, setValue] = useState(initial)
  return (
    <MaskPainter
      imageUrl="data:image/png;base64,iVBORw0KGgo="
      width={width}
      height={height}
      value={value}
      onChange={(doc) => {
        onChange(doc)
        setValue(doc)
      }}
    />
  )
}

export async function renderPainter(
  options: { language?: 'en' | 'zh-CN'; initial?: MaskDocument; width?: number; height?: number } = {},
) {
  const onChange = vi.fn<(doc: MaskDocument) => void>()
  const i18n = await createI18n(options.language ?? 'en')
  const view = render(
    <I18nextProvider i18n={i18n}>
      <Host
        initial={options.initial ?? emptyMask}
        width={options.width ?? 800}
        height={options.height ?? 400}
        onChange={onChange}
      />
    </I18nextProvider>,
  )
  const surface = () => screen.getByRole('application')
  const latest = () => onChange.mock.lastCall?.[0] ?? emptyMask
  return { ...view, onChange, surface, latest }
}

type Point = readonly [number, number]

/** A drag over the painting surface through the given viewport points (the surface sits at 0, 0). */
export function drag(surface: HTMLElement, points: readonly Point[], init: Partial<PointerEventInit> = {}) {
  const [first, ...rest] = points
  if (!first) return
  const base = { pointerId: 1, pointerType: 'mouse', button: 0, buttons: 1, ...init }
  act(() => {
    fireEvent.pointerDown(surface, { ...base, clientX: first[0], clientY: first[1] })
  })
  for (const [clientX, clientY] of rest.slice(0, -1)) {
    act(() => {
      fireEvent.pointerMove(surface, { ...base, clientX, clientY })
    })
  }
  const last = rest.at(-1) ?? first
  act(() => {
    fireEvent.pointerUp(surface, { ...base, buttons: 0, clientX: last[0], clientY: last[1] })
  })
}
