import { lazy, Suspense, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { PlotPanel } from '../plot'
import { AfterFirstPaint } from '../../shared/ui/AfterFirstPaint'
import type { ParsedInfotext } from '../prompt'
import { SlotActionsProvider, type PickedImage } from '../sources'
import { DescribeFile, DescribeImage, joinPrompt } from '../tools'
import { ActionBar } from './ActionBar'
import { AdetailerGroup } from './AdetailerGroup'
import { AdvancedGroup } from './AdvancedGroup'
import { BatchGroup } from './BatchGroup'
import { ControlNetGroup } from './ControlNetGroup'
import { HiresGroup } from './HiresGroup'
import { ImageGroup } from './ImageGroup'
import { ModeTabs, modeTabId, useModeIds } from './ModeTabs'
import { draftPatchOf } from './mode-drafts'
import { ModelGroup } from './ModelGroup'
import { PngParamsBar } from './PngParamsBar'
import { checkpointOfInfotext, type ModelHashNote } from './preflight/hash-match'
import { PasteNotice } from './preflight/PasteNotice'
import { PromptFields } from './PromptFields'
import { SamplingGroup } from './SamplingGroup'
import { SeedGroup } from './SeedGroup'
import { selectMode } from './selectors'
import { SizeGroup } from './SizeGroup'
import { TasksPanel } from './TasksPanel'
import { ResultsStage } from '../results'
import { setNextOrigin } from '../lineage'
import { useGenerate } from './use-generate'
import { usePngParams } from './use-png-params'
import { usePresetAssets } from './use-preset-assets'
import { useRestoredWorkbench } from './use-restored-workbench'
import { useWorkbenchKeys } from './use-workbench-keys'
import { useWorkbenchStore } from './workbench-store'
import './workbench.css'

// The mask painter loads with the inpaint mode, not with the first screen (issue 13 §10).
const InpaintGroup = lazy(() => import('./InpaintGroup').then((module) => ({ default: module.InpaintGroup })))

export interface WorkbenchScreenProps {
  /** Opens Settings (where a profile's image storage is set up); the notice's button is hidden without it. */
  readonly onOpenSettings?: () => void
}

/** The current mode's own groups, as the panel of the mode tabs. */
function ModePanel({ idBase, panelId }: { readonly idBase: string; readonly panelId: string }) {
  const mode = useWorkbenchStore(selectMode)
  return (
    <div role="tabpanel" id={panelId} aria-labelledby={modeTabId(idBase, mode)} className="wb-mode-panel">
      {(mode === 'image2image' || mode === 'inpaint') && <ImageGroup />}
      {mode === 'inpaint' && (
        <Suspense fallback={null}>
          <InpaintGroup />
        </Suspense>
      )}
      {mode === 'controlnet' && <ControlNetGroup />}
    </div>
  )
}

/**
 * The workbench: mode tabs and prompts on top, the mode's own groups (source image, mask,
 * ControlNet units), then the parameters every mode shares, grouped as A1111 users expect, and
 * live tasks on the right. Pasting A1111 generation text into the prompt, or dropping a PNG made
 * by this app or A1111 anywhere but on an image slot, fills every field it names as one undo step.
 */
export function WorkbenchScreen({ onOpenSettings }: WorkbenchScreenProps) {
  const { t } = useTranslation()
  const submit = useGenerate()
  const { generate } = submit
  const applyParams = useWorkbenchStore((store) => store.applyParams)
  const { idBase, panelId } = useModeIds()
  // undefined: nothing pasted yet; null: pasted text without a `Model hash`.
  const [pasteNote, setPasteNote] = useState<ModelHashNote | null | undefined>(undefined)
  const png = usePngParams()
  const run = () => void generate()
  const onPasteInfotext = (parsed: ParsedInfotext) => {
    const { mode, assetHashes } = useWorkbenchStore.getState()
    const { params, unknown } = parsed
    const scripts = params.alwayson_scripts
    const { checkpoint, note } = checkpointOfInfotext(
      scripts?.sd_model_checkpoint,
      unknown,
      assetHashes.checkpoints,
    )
    const resolved =
      checkpoint === undefined
        ? params
        : { ...params, alwayson_scripts: { ...scripts, sd_model_checkpoint: checkpoint } }
    applyParams(draftPatchOf(mode, resolved, { partial: true }))
    setNextOrigin({ kind: 'infotext' })
    setPasteNote(note)
  }
  /** A caption from Describe image, after the prompt: one edit the prompt editor's Ctrl+Z takes back. */
  const addCaption = (caption: string) => {
    const { draft } = useWorkbenchStore.getState()
    applyParams({ prompt: joinPrompt(draft.prompt ?? '', caption, 'append') })
  }
  const slotActions = (image: PickedImage) => <DescribeImage image={image} onCaption={addCaption} />
  useWorkbenchKeys(run)
  usePresetAssets()
  useRestoredWorkbench()
  // A re-run from the history loads the task, then generates here, through the usual checks.
  const pendingGenerate = useWorkbenchStore((store) => store.pendingGenerate)
  useEffect(() => {
    if (pendingGenerate && useWorkbenchStore.getState().takePendingGenerate()) void generate()
  }, [pendingGenerate, generate])
  return (
    <section
      className="wb-screen wb-layout"
      aria-labelledby="wb-title"
      data-dropping={png.dragging || undefined}
      {...png.dropTarget}
    >
      <SlotActionsProvider actions={slotActions}>
        <form className="wb-form" aria-labelledby="wb-title" onSubmit={(event) => event.preventDefault()}>
          <h2 id="wb-title">{t('workbench.title')}</h2>
          <ModeTabs idBase={idBase} panelId={panelId} />
          <PromptFields onSubmit={run} onPasteInfotext={onPasteInfotext} />
          {pasteNote !== undefined && <PasteNotice note={pasteNote} />}
          <PngParamsBar state={png.state} dragging={png.dragging} onFile={(file) => void png.load(file)} />
          {png.dropped && <DescribeFile key={png.dropped.name} file={png.dropped} onCaption={addCaption} />}
          <ActionBar submit={{ ...submit, generate: run }} onOpenSettings={onOpenSettings} />
          <div className="wb-groups">
            <ModePanel idBase={idBase} panelId={panelId} />
            <ModelGroup />
            <AfterFirstPaint>
              <SamplingGroup />
              <SeedGroup />
              <SizeGroup />
              <BatchGroup />
              <HiresGroup />
              <AdetailerGroup />
              <AdvancedGroup />
            </AfterFirstPaint>
          </div>
          <AfterFirstPaint>
            <PlotPanel />
          </AfterFirstPaint>
        </form>
      </SlotActionsProvider>
      <ResultsStage />
      <TasksPanel />
    </section>
  )
}
