import { createContext, useContext, type ReactNode } from 'react'
import type { PickedImage } from './picked-image'

/** Extra buttons for a slot holding an image (the workbench's Describe image); none by default. */
export type SlotActions = (image: PickedImage) => ReactNode

const SlotActionsContext = createContext<SlotActions | null>(null)

/**
 * Gives every image slot inside it the same extra actions, so a screen adds Describe image to all
 * its slots (img2img, inpaint, ControlNet units) without each group passing it down.
 */
export function SlotActionsProvider({ actions, children }: { actions: SlotActions; children: ReactNode }) {
  return <SlotActionsContext.Provider value={actions}>{children}</SlotActionsContext.Provider>
}

export const useSlotActions = () => useContext(SlotActionsContext)
