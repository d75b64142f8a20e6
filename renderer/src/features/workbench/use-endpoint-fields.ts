import { useTranslation } from 'react-i18next'
import {
  isFieldSent,
  sdEndpointOf,
  sentNumber,
  takesWholeNumbers,
  type UnsentField,
  type WholeNumberField,
} from '#contract'
import type { WorkbenchState } from './store-types'
import { useWorkbenchStore } from './workbench-store'

const selectRequestEndpoint = (state: WorkbenchState) =>
  sdEndpointOf(state.mode, state.draft.controlnet.endpoint)

/** The endpoint the current mode's request goes to. */
export const useRequestEndpoint = () => useWorkbenchStore(selectRequestEndpoint)

/**
 * Why a field's control is off in this mode (the endpoint does not send it), in the user's
 * language; null when it is sent. `message` picks the wording (ADetailer's names what it loses).
 */
export function useNotSentReason(
  field: UnsentField,
  message: 'field' | 'adetailer' = 'field',
): string | null {
  const { t } = useTranslation()
  const endpoint = useRequestEndpoint()
  if (isFieldSent(endpoint, field)) return null
  return t(`workbench.notSent.${message}`, { endpoint: t(`workbench.endpoints.${endpoint}`) })
}

/**
 * A number field the endpoint may take as a whole number only: then the control steps by 1 and its
 * hint says so, naming the value that will be sent when the draft's is not whole. `sent` is that
 * value, for anything computed from it (the hires result size).
 */
export function useWholeNumbers(field: WholeNumberField, value: number, step: number) {
  const { t } = useTranslation()
  const endpoint = useRequestEndpoint()
  const sent = sentNumber(endpoint, field, value)
  if (!takesWholeNumbers(endpoint, field)) return { step, hint: undefined, sent }
  const name = t(`workbench.endpoints.${endpoint}`)
  const hint =
    sent === value
      ? t('workbench.wholeNumbers.hint', { endpoint: name })
      : t('workbench.wholeNumbers.rounded', { endpoint: name, value, sent })
  return { step: 1, hint, sent }
}
