import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { I18nextProvider } from 'react-i18next'
import { ClientProvider } from '../../../renderer/src/app/client-context'
import { useUiStore } from '../../../renderer/src/app/ui-store'
import { createClient } from '../../../renderer/src/bridge'
import { useUploadConsents } from '../../../renderer/src/features/sources'
import type { ParamsDraft } from '../../../renderer/src/features/workbench/draft'
import type { WorkbenchState } from '../../../renderer/src/features/workbench/store-types'
import { WorkbenchScreen } from '../../../renderer/src/features/workbench/WorkbenchScreen'
import { useWorkbenchStore } from '../../../renderer/src/features/workbench/workbench-store'
import { createI18n } from '../../../renderer/src/shared/i18n'
import {
  answersToHandlers,
  createInProcessMain,
  type Answer,
  type RecordedCall,
} from '../../support/in-process-main'

export type { RecordedCall } from '../../support/in-process-main'

/**
 * Reads the screen makes on its own (live tasks, preset names, the active profile for the input
 * image options and the upload check, the latest result for the stage, whether saving has
 * dialogs); not user actions.
 */
const backgroundReads = new Set([
  'tasks.active',
  'presets.list',
  'profiles.list',
  'history.list',
  'outputs.get',
  'queue.list',
  'queue.held',
])

/**
 * The in-process transport over the real dispatcher, answering from a table (unknown procedures:
 * not_found); `calls` records the calls a user's actions cause.
 */
export function fakeTransport(answers: Record<string, Answer>) {
  const calls: RecordedCall[] = []
  const main = createInProcessMain(answersToHandlers(answers), {
    onCall: (call) => {
      if (!backgroundReads.has(call.method)) calls.push(call)
    },
  })
  return { transport: main.transport, calls }
}

/**
 * Fresh stores (the workbench, the upload consents, the shown screen) and storage, then the
 * workbench rendered in `language` against a fake main.
 */
export async function renderWorkbench(
  options: {
    readonly language?: 'en' | 'zh-CN'
    readonly answers?: Record<string, Answer>
    readonly draft?: Partial<ParamsDraft>
    /** Store state to start from (mode, input images…), set after the draft. */
    readonly state?: Partial<WorkbenchState>
    readonly onOpenSettings?: () => void
  } = {},
) {
  localStorage.clear()
  useWorkbenchStore.setState(useWorkbenchStore.getInitialState(), true)
  useUploadConsents.setState(useUploadConsents.getInitialState(), true)
  useUiStore.setState(useUiStore.getInitialState(), true)
  if (options.draft) useWorkbenchStore.getState().applyParams(options.draft)
  if (options.state) useWorkbenchStore.setState(options.state)
  const i18n = await createI18n(options.language ?? 'en')
  const { transport, calls } = fakeTransport(options.answers ?? {})
  // No timer between keystrokes: on a loaded two-core machine those timers dominate the run.
  const user = userEvent.setup({ delay: null })
  render(
    <I18nextProvider i18n={i18n}>
      <ClientProvider client={createClient(transport)}>
        <WorkbenchScreen onOpenSettings={options.onOpenSettings} />
      </ClientProvider>
    </I18nextProvider>,
  )
  // The groups below the fold render once the top of the form has painted, as a user sees them.
  await screen.findByRole('group', { name: i18n.t('workbench.groups.sampling') })
  return { user, calls, draft: () => useWorkbenchStore.getState().draft }
}

/** A draft that passes the schema, so a test can break exactly one field. */
export const validDraft: Partial<ParamsDraft> = {
  prompt: 'a lighthouse at dusk',
  alwayson_scripts: { sd_model_checkpoint: 'v1-5-pruned-emaonly.safetensors' },
}

export const ui = {
  number: (name: string | RegExp) => screen.getByRole('spinbutton', { name }),
  button: (name: string | RegExp) => screen.getByRole('button', { name }),
  async setNumber(user: ReturnType<typeof userEvent.setup>, name: string | RegExp, value: number) {
    const input = ui.number(name)
    await user.clear(input)
    await user.type(input, String(value))
  },
}
