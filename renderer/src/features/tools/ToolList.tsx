import { useTranslation } from 'react-i18next'
import { toolIds, toolRegistry, undocumentedTools, type ToolGroup, type ToolId } from '#contract'
import { bilingual } from './form/label'
import type { ToolChoice } from './tools-store'

/** The screen's groups in the order a user reads them; CNT preview sits with Edit. */
const groups = ['generate', 'faces', 'edit', 'prompt'] as const satisfies readonly ToolGroup[]

const toolsIn = (group: ToolGroup): ToolId[] => toolIds.filter((id) => toolRegistry[id].group === group)

interface ToolListProps {
  readonly choice: ToolChoice
  /** Named custom tools the user saved, listed after the undocumented ones. */
  readonly saved: readonly { readonly id: string; readonly name: string }[]
  onChoose(choice: ToolChoice): void
}

const isChosen = (choice: ToolChoice, other: ToolChoice) =>
  choice.kind === other.kind &&
  (choice.kind === 'tool'
    ? choice.toolId === (other as typeof choice).toolId
    : choice.id === (other as typeof choice).id)

/**
 * Every tool by group, from the registry: documented tools open their form; tools whose body the
 * docs do not show are marked so and open a custom request.
 */
export function ToolList({ choice, saved, onChoose }: ToolListProps) {
  const { t, i18n } = useTranslation()
  const item = (key: string, next: ToolChoice, name: string, note?: string) => (
    <li key={key}>
      <button
        type="button"
        aria-current={isChosen(choice, next) ? 'true' : undefined}
        onClick={() => onChoose(next)}
      >
        <span>{name}</span>
        {note && <small className="tl-note">{note}</small>}
      </button>
    </li>
  )
  return (
    <nav className="tl-list" aria-label={t('tools.list')}>
      {groups.map((group) => (
        <section key={group} aria-labelledby={`tl-group-${group}`}>
          <h3 id={`tl-group-${group}`}>{t(`tools.groups.${group}`)}</h3>
          <ul>
            {toolsIn(group).map((toolId) =>
              item(toolId, { kind: 'tool', toolId }, bilingual(toolRegistry[toolId].name, i18n.language)),
            )}
          </ul>
        </section>
      ))}
      <section aria-labelledby="tl-group-undocumented">
        <h3 id="tl-group-undocumented">{t('tools.groups.undocumented')}</h3>
        <ul>
          {undocumentedTools.map((tool) =>
            item(
              tool.id,
              { kind: 'custom', id: tool.id },
              bilingual(tool.name, i18n.language),
              t('tools.notDocumented'),
            ),
          )}
          {saved.map((tool) =>
            item(tool.id, { kind: 'custom', id: tool.id }, tool.name, t('tools.custom.saved')),
          )}
        </ul>
      </section>
    </nav>
  )
}
