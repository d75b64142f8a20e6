import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { DynamicPromptsPanel, useDynamicPrompts, useWildcardNames } from '../dynamic-prompts'
import type { ParsedInfotext } from '../prompt'
import { ExpandPrompt } from '../tools'
import { useFieldIssue } from './issue-message'
import { PreflightFlags } from './preflight/PreflightFlags'
import { PromptInput, type PromptCompletions } from './PromptInput'
import { selectAssets, selectNegativePrompt, selectPrompt } from './selectors'
import { useWorkbenchStore } from './workbench-store'

interface PromptFieldsProps {
  readonly onSubmit: () => void
  readonly onPasteInfotext?: (parsed: ParsedInfotext) => void
}

const promptKinds = ['lora', 'embedding'] as const

/** Prompt and negative prompt, at the top of the form as in A1111. */
export function PromptFields({ onSubmit, onPasteInfotext }: PromptFieldsProps) {
  const { t } = useTranslation()
  const prompt = useWorkbenchStore(selectPrompt)
  const negative = useWorkbenchStore(selectNegativePrompt)
  const setParam = useWorkbenchStore((state) => state.setParam)
  const setPromptCursor = useWorkbenchStore((state) => state.setPromptCursor)
  const assets = useWorkbenchStore(selectAssets)
  const dynamic = useDynamicPrompts((state) => state.mode !== 'off')
  const wildcards = useWildcardNames(dynamic)
  const completions = useMemo<PromptCompletions>(
    () => ({ loras: assets.loras, embeddings: assets.embeddings, wildcards }),
    [assets.loras, assets.embeddings, wildcards],
  )
  const promptIssue = useFieldIssue('prompt')
  const negativeIssue = useFieldIssue('negative_prompt')
  return (
    <fieldset className="wb-group wb-prompts">
      <legend>{t('workbench.groups.prompts')}</legend>
      <PromptInput
        label={t('workbench.fields.prompt')}
        placeholder={t('workbench.prompt.placeholder')}
        value={prompt}
        onChange={(value) => setParam('prompt', value)}
        completions={completions}
        onPasteInfotext={onPasteInfotext}
        onSubmit={onSubmit}
        onSelectionChange={(from, to) => setPromptCursor({ field: 'prompt', from, to })}
        dynamic={dynamic}
      />
      {promptIssue && <small className="wb-issue">{promptIssue}</small>}
      <ExpandPrompt prompt={prompt} onPick={(picked) => setParam('prompt', picked)} />
      <DynamicPromptsPanel template={prompt} />
      <PromptInput
        label={t('workbench.fields.negative_prompt')}
        placeholder={t('workbench.prompt.negativePlaceholder')}
        value={negative}
        negative
        onChange={(value) => setParam('negative_prompt', value)}
        completions={completions}
        onSubmit={onSubmit}
        onSelectionChange={(from, to) => setPromptCursor({ field: 'negative_prompt', from, to })}
      />
      {negativeIssue && <small className="wb-issue">{negativeIssue}</small>}
      <PreflightFlags kinds={promptKinds} />
    </fieldset>
  )
}
