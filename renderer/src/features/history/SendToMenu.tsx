import { useEffect, useLayoutEffect, useRef, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { TaskRecord, ToolId } from '#contract'
import { imageToolActions } from '../tools'
import { imageSendTargets, type ImageSendTarget } from './format'

/** The menu of one task's shown result, placed below the point it was opened from. */
export interface SendMenuRequest {
  readonly record: TaskRecord
  readonly imageIndex: number
  readonly left: number
  readonly top: number
}

interface SendToMenuProps {
  readonly request: SendMenuRequest
  onSend(target: ImageSendTarget, record: TaskRecord, imageIndex: number): void
  /** Adds the tool items: Outpaint…, Swap face…, Detect faces, Describe. */
  onOpenTool?: (toolId: ToolId, record: TaskRecord, imageIndex: number) => void
  /** `returnFocus`: closed from the keyboard, so the list takes the focus back. */
  onClose(returnFocus: boolean): void
}

/** Room kept between the menu and the window's edges. */
const margin = 8

/**
 * "Send to img2img / inpaint / ControlNet" for a task of the list or grid, as a menu: it takes
 * the focus, arrows move, Enter chooses, Escape closes. A click elsewhere, a scroll or a resize
 * closes it, since it would no longer sit by its task.
 */
export function SendToMenu({ request, onSend, onOpenTool, onClose }: SendToMenuProps) {
  const { t } = useTranslation()
  const menu = useRef<HTMLDivElement>(null)
  const { record, imageIndex } = request

  // Opened near the window's right or bottom edge, it moves back in before it is painted.
  useLayoutEffect(() => {
    const element = menu.current
    if (!element) return
    const box = element.getBoundingClientRect()
    const left = Math.min(request.left, window.innerWidth - box.width - margin)
    const top = Math.min(request.top, window.innerHeight - box.height - margin)
    element.style.left = `${Math.max(margin, left)}px`
    element.style.top = `${Math.max(margin, top)}px`
  }, [request])

  useEffect(() => {
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus()
    const closeOutside = (event: Event) => {
      if (!(event.target instanceof Node) || !menu.current?.contains(event.target)) onClose(false)
    }
    const close = () => onClose(false)
    document.addEventListener('mousedown', closeOutside)
    window.addEventListener('scroll', close, true)
    window.addEventListener('resize', close)
    return () => {
      document.removeEventListener('mousedown', closeOutside)
      window.removeEventListener('scroll', close, true)
      window.removeEventListener('resize', close)
    }
  }, [onClose])

  const onKeyDown = (event: KeyboardEvent) => {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])]
    const at = items.findIndex((item) => item === document.activeElement)
    const moves: Record<string, number | undefined> = {
      ArrowDown: (at + 1) % items.length,
      ArrowUp: (at - 1 + items.length) % items.length,
      Home: 0,
      End: items.length - 1,
    }
    const target = moves[event.key]
    if (target !== undefined) items[target]?.focus()
    else if (event.key === 'Escape') onClose(true)
    else if (event.key === 'Tab') onClose(true)
    else return
    event.preventDefault()
  }

  return (
    <div
      ref={menu}
      className="history-send-menu"
      role="menu"
      aria-label={t('history.sendTo.label', { index: imageIndex + 1 })}
      style={{ left: request.left, top: request.top }}
      onKeyDown={onKeyDown}
    >
      {imageSendTargets.map((target) => (
        <button
          key={target}
          type="button"
          role="menuitem"
          tabIndex={-1}
          onClick={() => {
            onClose(false)
            onSend(target, record, imageIndex)
          }}
        >
          {t(`history.sendTo.${target}`)}
        </button>
      ))}
      {onOpenTool && <hr role="separator" />}
      {onOpenTool &&
        imageToolActions.map(({ action, toolId }) => (
          <button
            key={action}
            type="button"
            role="menuitem"
            tabIndex={-1}
            onClick={() => {
              onClose(false)
              onOpenTool(toolId, record, imageIndex)
            }}
          >
            {t(`tools.actions.${action}`)}
          </button>
        ))}
    </div>
  )
}
