import { useEffect, useLayoutEffect, useRef, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { TaskRecord, ToolId } from '#contract'
import { imageToolActions } from '../tools'
import { imageSendTargets, paramsKnown, type ImageSendTarget } from './format'
import type { DetailActions } from './TaskDetail'

/** What a row's menu offers beside "send to": the detail panel's task actions. */
export type RowActions = Omit<DetailActions, 'close' | 'onSendImageTo'> & {
  /** "Use as preview…" of the row's shown result. */
  readonly onUseAsPreview?: (record: TaskRecord, imageIndex: number) => void
}

/** The menu of one task's shown result, placed below the point it was opened from. */
export interface SendMenuRequest {
  readonly record: TaskRecord
  /** The result the "send to" items use; null for a task without results (failed, running). */
  readonly imageIndex: number | null
  readonly left: number
  readonly top: number
}

interface SendToMenuProps {
  readonly request: SendMenuRequest
  onSend?: (target: ImageSendTarget, record: TaskRecord, imageIndex: number) => void
  /** Adds the tool items: Outpaint…, Swap face…, Detect faces, Describe. */
  onOpenTool?: (toolId: ToolId, record: TaskRecord, imageIndex: number) => void
  readonly actions?: RowActions
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
export function SendToMenu({ request, onSend, onOpenTool, actions, onClose }: SendToMenuProps) {
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
      aria-label={
        imageIndex === null
          ? t('history.rowMenu.label')
          : t('history.sendTo.label', { index: imageIndex + 1 })
      }
      style={{ left: request.left, top: request.top }}
      onKeyDown={onKeyDown}
    >
      {imageIndex !== null &&
        onSend &&
        imageSendTargets.map((target) => (
          <MenuItem
            key={target}
            label={t(`history.sendTo.${target}`)}
            onChoose={() => onSend(target, record, imageIndex)}
            onClose={onClose}
          />
        ))}
      {imageIndex !== null && onOpenTool && <hr role="separator" />}
      {imageIndex !== null &&
        onOpenTool &&
        imageToolActions.map(({ action, toolId }) => (
          <MenuItem
            key={action}
            label={t(`tools.actions.${action}`)}
            onChoose={() => onOpenTool(toolId, record, imageIndex)}
            onClose={onClose}
          />
        ))}
      {imageIndex !== null && actions?.onUseAsPreview && (
        <MenuItem
          label={t('history.rowMenu.useAsPreview')}
          onChoose={() => actions.onUseAsPreview?.(record, imageIndex)}
          onClose={onClose}
        />
      )}
      {actions && <TaskItems record={record} actions={actions} onClose={onClose} />}
    </div>
  )
}

function MenuItem({
  label,
  disabled,
  onChoose,
  onClose,
}: {
  readonly label: string
  readonly disabled?: boolean
  onChoose(): void
  onClose(returnFocus: boolean): void
}) {
  return (
    <button
      type="button"
      role="menuitem"
      tabIndex={-1}
      disabled={disabled}
      onClick={() => {
        onClose(false)
        onChoose()
      }}
    >
      {label}
    </button>
  )
}

/** The task's own actions, for every row, results or not (a failed task can still be re-run). */
function TaskItems({
  record,
  actions,
  onClose,
}: {
  readonly record: TaskRecord
  readonly actions: RowActions
  onClose(returnFocus: boolean): void
}) {
  const { t } = useTranslation()
  const known = paramsKnown(record)
  const { onSendToWorkbench, onRerun } = actions
  return (
    <>
      {onSendToWorkbench && (
        <MenuItem
          label={t('history.actions.sendToWorkbench')}
          disabled={!known}
          onChoose={() => onSendToWorkbench(record)}
          onClose={onClose}
        />
      )}
      {onRerun && (
        <MenuItem
          label={t('history.actions.rerun')}
          disabled={!known}
          onChoose={() => onRerun(record)}
          onClose={onClose}
        />
      )}
      <MenuItem
        label={t('history.actions.copyParameters')}
        disabled={!known}
        onChoose={() => actions.copyParameters(record)}
        onClose={onClose}
      />
      <MenuItem
        label={t('history.actions.copyTaskId')}
        onChoose={() => actions.copyTaskId(record)}
        onClose={onClose}
      />
      <MenuItem
        label={t('history.actions.deleteOne')}
        onChoose={() => actions.askDelete(record)}
        onClose={onClose}
      />
    </>
  )
}
