import { useRef, useState, type ClipboardEvent, type DragEvent } from 'react'
import { parseImageLink, parseResultDrag, resultDragType, type ResultDrag } from './picked-image'

interface SlotActions {
  readonly pickFile: (file: File) => void
  readonly pickResult: (result: ResultDrag) => void
  readonly pickLink: (url: string) => void
  readonly refuse: () => void
}

/** What a drag brings that the slot can take: a result of ours, files, or a link from a browser. */
const acceptsDrag = (types: readonly string[]) =>
  types.includes(resultDragType) || types.includes('Files') || types.includes('text/uri-list')

/** The first http(s) link of a text/uri-list (lines starting with # are comments). */
const firstLink = (uriList: string) =>
  uriList
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map(parseImageLink)
    .find((url) => url !== null) ?? null

/**
 * Drop and paste on the image slot. A dropped result wins over files (a browser adds its own
 * entries to a drag), a file over a link. Paste works when the slot has focus: Ctrl+V of a copied
 * image, or of a copied http(s) link.
 */
export function useSlotEvents({ pickFile, pickResult, pickLink, refuse }: SlotActions) {
  const [dragging, setDragging] = useState(false)
  // dragenter/dragleave fire for every child crossed; a depth count says when the pointer left.
  const depth = useRef(0)

  const onDrop = (event: DragEvent) => {
    event.preventDefault()
    event.stopPropagation()
    depth.current = 0
    setDragging(false)
    const transfer = event.dataTransfer
    const resultData = transfer.types.includes(resultDragType) ? transfer.getData(resultDragType) : ''
    const result = resultData === '' ? null : parseResultDrag(resultData)
    const file = transfer.files[0]
    const link = firstLink(transfer.getData('text/uri-list'))
    if (result) pickResult(result)
    else if (file) pickFile(file)
    else if (link) pickLink(link)
    else refuse()
  }

  const onPaste = (event: ClipboardEvent) => {
    const file = event.clipboardData.files[0]
    const link = parseImageLink(event.clipboardData.getData('text/plain'))
    if (!file && link === null) return
    event.preventDefault()
    if (file) pickFile(file)
    else if (link !== null) pickLink(link)
  }

  const handlers = {
    onDragEnter: (event: DragEvent) => {
      if (!acceptsDrag(event.dataTransfer.types)) return
      depth.current += 1
      setDragging(true)
    },
    onDragLeave: (event: DragEvent) => {
      if (!acceptsDrag(event.dataTransfer.types)) return
      depth.current = Math.max(0, depth.current - 1)
      if (depth.current === 0) setDragging(false)
    },
    onDragOver: (event: DragEvent) => {
      if (!acceptsDrag(event.dataTransfer.types)) return
      event.preventDefault()
      event.dataTransfer.dropEffect = 'copy'
    },
    onDrop,
    onPaste,
  }
  return { dragging, handlers }
}

/** The attribute every picker's slot carries, so a screen-wide drop handler can leave its drops alone. */
export const imageSourceSlotAttribute = 'data-image-source-slot'

/** True when a drop landed on an image source slot (the workbench's PNG-parameters drop skips those). */
export const isImageSourceTarget = (target: EventTarget | null) =>
  target instanceof Element && target.closest(`[${imageSourceSlotAttribute}]`) !== null
