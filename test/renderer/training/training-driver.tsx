import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { I18nextProvider } from 'react-i18next'
import { vi } from 'vitest'
import { ClientProvider } from '../../../renderer/src/app/client-context'
import { createClient } from '../../../renderer/src/bridge'
import { TrainingScreen } from '../../../renderer/src/features/training/TrainingScreen'
import { createI18n, type Language } from '../../../renderer/src/shared/i18n'
import type { createTrainingMain } from '../../support/training-main'

/** Renders the Training screen over `main`, with the links to other screens as spies. */
export async function renderTraining(main: ReturnType<typeof createTrainingMain>, language: Language = 'en') {
  const onOpenHistory = vi.fn<(taskId: string) => void>()
  const onOpenLora = vi.fn<(name: string) => void>()
  const user = userEvent.setup({ delay: null })
  render(
    <I18nextProvider i18n={await createI18n(language)}>
      <ClientProvider client={createClient(main.transport)}>
        <TrainingScreen onOpenHistory={onOpenHistory} onOpenLora={onOpenLora} />
      </ClientProvider>
    </I18nextProvider>,
  )
  const ui = {
    grid: () => screen.getByRole('list', { name: /Training pictures|训练图片/ }),
    tile: (name: string) => within(ui.grid()).getByRole('listitem', { name }),
    async addPictures(files: File[]) {
      await user.upload(screen.getByLabelText(/Choose pictures|选择图片/), files)
    },
  }
  return { user, ui, onOpenHistory, onOpenLora }
}
