import { toolRegistry, type ToolId } from '#contract'

/**
 * What a result or an input image can be sent to on the Tools screen, from task cards, history rows
 * and task details: the tool and the image field the picture goes into. Swap face puts it in the
 * target slot (the picture whose face is replaced), v2 for its restoration.
 */
export const imageToolActions = [
  { action: 'outpaint', toolId: 'imgExpand', field: 'sourceImage' },
  { action: 'swapFace', toolId: 'roopV2', field: 'targetUrl' },
  { action: 'detectFaces', toolId: 'faceDetection', field: 'imageUrl' },
  { action: 'describe', toolId: 'interrogate', field: 'image' },
] as const satisfies readonly { action: string; toolId: ToolId; field: string }[]

export type ImageToolAction = (typeof imageToolActions)[number]

/** The image field a tool takes a single picture in first (its first `image` field), or null. */
export function firstImageField(toolId: ToolId): string | null {
  const field = toolRegistry[toolId].fields.find((candidate) => candidate.type === 'image')
  return field?.name ?? null
}
