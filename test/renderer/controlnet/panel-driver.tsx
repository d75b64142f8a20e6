import { screen, within } from '@testing-library/react'
import type userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { vi } from 'vitest'
import type { ControlNetUnitSettings } from '#contract'
import { ControlNetPanel, newUnit } from '../../../renderer/src/features/controlnet'
import type { PickedImage } from '../../../renderer/src/features/sources'
import type { Language } from '../../../renderer/src/shared/i18n'
import { renderWithMain } from '../sources/render'
import type { SourceMain } from '../sources/source-main'

export interface PanelValue {
  units: ControlNetUnitSettings[]
  images: (PickedImage | null)[]
}

/** The panel as the workbench holds it: controlled, every change recorded. */
function Harness(props: {
  initial: PanelValue
  baseImage: PickedImage | null
  onChange: (next: PanelValue) => void
}) {
  const [value, setValue] = useState(props.initial)
  return (
    <ControlNetPanel
      units={value.units}
      images={value.images}
      baseImage={props.baseImage}
      onChange={(next) => {
        setValue(next)
        props.onChange(next)
      }}
    />
  )
}

export async function renderPanel(
  main: SourceMain,
  options: { units?: number; baseImage?: PickedImage | null; language?: Language } = {},
) {
  const count = options.units ?? 1
  const onChange = vi.fn<(next: PanelValue) => void>()
  const initial = {
    units: Array.from({ length: count }, newUnit),
    images: Array.from({ length: count }, () => null),
  }
  const rendered = await renderWithMain(
    <Harness initial={initial} baseImage={options.baseImage ?? null} onChange={onChange} />,
    main,
    options.language,
  )
  const latest = () => onChange.mock.lastCall?.[0] ?? initial
  return { ...rendered, onChange, latest }
}

type User = ReturnType<typeof userEvent.setup>

/** The unit sections in order ("Unit 1", "Unit 2"…). */
export const unitRegions = () => screen.getAllByRole('region', { name: /^Unit \d+$|^单元 \d+$/ })

export function unitRegion(number: number): HTMLElement {
  const region = unitRegions()[number - 1]
  if (!region) throw new Error(`there is no unit ${number}`)
  return region
}

/** Gives unit `number` a pasted link as its control image, the quickest source to set. */
export async function linkImage(user: User, number: number, url: string) {
  const region = unitRegion(number)
  await user.click(within(region).getByRole('button', { name: 'Paste link' }))
  await user.type(within(region).getByRole('textbox', { name: 'Image link' }), `${url}{Enter}`)
}

/** Replaces a number box's text, as a user selecting it and typing does. */
export async function setNumber(user: User, box: HTMLElement, value: string) {
  await user.tripleClick(box)
  await user.keyboard(value)
}
