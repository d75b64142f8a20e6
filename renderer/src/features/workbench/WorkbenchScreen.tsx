import { useTranslation } from 'react-i18next'
import { ActionBar } from './ActionBar'
import { AdetailerGroup } from './AdetailerGroup'
import { AdvancedGroup } from './AdvancedGroup'
import { BatchGroup } from './BatchGroup'
import { HiresGroup } from './HiresGroup'
import { ModelGroup } from './ModelGroup'
import { PromptFields } from './PromptFields'
import { SamplingGroup } from './SamplingGroup'
import { SeedGroup } from './SeedGroup'
import { SizeGroup } from './SizeGroup'
import { TasksPanel } from './TasksPanel'
import { useGenerate } from './use-generate'
import { useWorkbenchKeys } from './use-workbench-keys'
import './workbench.css'

/**
 * The workbench: prompts on top, parameters grouped as A1111 users expect, live tasks on the right.
 * `onPasteInfotext` receives text pasted into the prompt that looks like A1111 parameters.
 */
export function WorkbenchScreen({ onPasteInfotext }: { readonly onPasteInfotext?: (text: string) => void }) {
  const { t } = useTranslation()
  const { state, generate } = useGenerate()
  const submit = () => void generate()
  useWorkbenchKeys(submit)
  return (
    <section className="wb-screen" aria-labelledby="wb-title">
      <form className="wb-form" aria-labelledby="wb-title" onSubmit={(event) => event.preventDefault()}>
        <h2 id="wb-title">{t('workbench.title')}</h2>
        <PromptFields onSubmit={submit} onPasteInfotext={onPasteInfotext} />
        <ActionBar submit={state} onGenerate={submit} />
        <div className="wb-groups">
          <ModelGroup />
          <SamplingGroup />
          <SeedGroup />
          <SizeGroup />
          <BatchGroup />
          <HiresGroup />
          <AdetailerGroup />
          <AdvancedGroup />
        </div>
      </form>
      <TasksPanel />
    </section>
  )
}
