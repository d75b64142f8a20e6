import { useTranslation } from 'react-i18next'
import type { TaskRecord } from '#contract'
import type { PickedImage } from '../sources'
import { CustomRequestPanel } from './custom/CustomRequestPanel'
import { draftFor, draftFromSaved } from './custom/custom-draft'
import { useCustomTools } from './custom/custom-tools'
import { bilingual } from './form/label'
import type { ImageMode } from './result/SendOnwards'
import type { PromptUse } from './result/TextOutput'
import { ToolList } from './ToolList'
import { ToolPanel } from './ToolPanel'
import { selectChoice, undocumentedToolOf, useToolsStore } from './tools-store'
import './tools.css'

export interface ToolsScreenProps {
  /** Puts a caption, an expanded prompt or a style into the workbench's prompt. */
  onUsePrompt(text: string, use: PromptUse): void
  /** A result image as the source of an image mode in the workbench. */
  onSendImageTo?(mode: ImageMode, record: TaskRecord, index: number): void
  onOpenSettings?(): void
}

/** Saved custom tools are chosen by name. */
const savedPrefix = 'saved:'

/** The custom request of the current choice: an undocumented tool, or a saved custom tool. */
function CustomChoice({ id, customTools }: { id: string; customTools: ReturnType<typeof useCustomTools> }) {
  const { i18n } = useTranslation()
  const drafts = useToolsStore((state) => state.customDrafts)
  const setDraft = useToolsStore((state) => state.setCustomDraft)
  const undocumented = undocumentedToolOf(id)
  const saved = id.startsWith(savedPrefix)
    ? (customTools.tools.find((tool) => tool.name === id.slice(savedPrefix.length)) ?? null)
    : null
  if (undocumented === null && saved === null) return null
  const draft = drafts[id] ?? (saved ? draftFromSaved(saved) : draftFor(undocumented?.toolCode ?? null))
  const title = saved ? saved.name : undocumented ? bilingual(undocumented.name, i18n.language) : ''
  return (
    <CustomRequestPanel
      key={id}
      title={title}
      draft={draft}
      savedName={saved?.name ?? null}
      customTools={customTools}
      onDraft={(next) => setDraft(id, next)}
    />
  )
}

/**
 * The Tools screen (Ctrl/Cmd+5): every documented tool by group, each a form made from its row,
 * with its latest result; and the tools whose body the docs do not show, as custom requests.
 */
export function ToolsScreen({ onUsePrompt, onSendImageTo, onOpenSettings }: ToolsScreenProps) {
  const { t } = useTranslation()
  const choice = useToolsStore(selectChoice)
  const choose = useToolsStore((state) => state.choose)
  const customTools = useCustomTools()
  const saved = customTools.tools.map((tool) => ({ id: `${savedPrefix}${tool.name}`, name: tool.name }))
  const actions = {
    onUsePrompt,
    onSendImageTo,
    onPickFace: (target: PickedImage, faceIdx: number) =>
      useToolsStore.getState().openTool('faceFusion', { targetUrl: target, faceIdx: String(faceIdx) }),
  }
  return (
    <div className="tl-screen">
      <h2 className="tl-visually-hidden">{t('tools.title')}</h2>
      <ToolList choice={choice} saved={saved} onChoose={choose} />
      {choice.kind === 'tool' ? (
        <ToolPanel
          key={choice.toolId}
          toolId={choice.toolId}
          actions={actions}
          onOpenSettings={onOpenSettings}
        />
      ) : (
        <CustomChoice id={choice.id} customTools={customTools} />
      )}
    </div>
  )
}
