import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ParsedInfotext } from '../prompt/infotext'
import { ActionBar } from './ActionBar'
import { AdetailerGroup } from './AdetailerGroup'
import { AdvancedGroup } from './AdvancedGroup'
import { BatchGroup } from './BatchGroup'
import { HiresGroup } from './HiresGroup'
import { ModelGroup } from './ModelGroup'
import { PngParamsBar } from './PngParamsBar'
import { PromptFields } from './PromptFields'
import { SamplingGroup } from './SamplingGroup'
import { SeedGroup } from './SeedGroup'
import { SizeGroup } from './SizeGroup'
import { TasksPanel } from './TasksPanel'
import { useGenerate } from './use-generate'
import { usePngParams } from './use-png-params'
import { usePresetAssets } from './use-preset-assets'
import { useWorkbenchKeys } from './use-workbench-keys'
import { useWorkbenchStore } from './workbench-store'
import './workbench.css'

/**
 * The workbench: prompts on top, parameters grouped as A1111 users expect, live tasks on the right.
 * Pasting A1111 generation text into the prompt, or dropping a PNG made by this app or A1111 anywhere
 * on the screen, fills every field it names, as one undoable step.
 */
export function WorkbenchScreen() {
  const { t } = useTranslation()
  const { state, generate } = useGenerate()
  const applyParams = useWorkbenchStore((store) => store.applyParams)
  const [pasteNotice, setPasteNotice] = useState(false)
  const png = usePngParams()
  const submit = () => void generate()
  const onPasteInfotext = (parsed: ParsedInfotext) => {
    applyParams(parsed.params)
    setPasteNotice(true)
  }
  useWorkbenchKeys(submit)
  usePresetAssets()
  return (
    <section
      className="wb-screen"
      aria-labelledby="wb-title"
      data-dropping={png.dragging || undefined}
      {...png.dropTarget}
    >
      <form className="wb-form" aria-labelledby="wb-title" onSubmit={(event) => event.preventDefault()}>
        <h2 id="wb-title">{t('workbench.title')}</h2>
        <PromptFields onSubmit={submit} onPasteInfotext={onPasteInfotext} />
        {pasteNotice && (
          <p role="status" className="wb-hint">
            {t('workbench.paste.filled')}
          </p>
        )}
        <PngParamsBar state={png.state} dragging={png.dragging} onFile={(file) => void png.load(file)} />
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
