/*
 * jsdom has no layout, and CodeMirror measures text with Range geometry. These stand-ins return
 * empty boxes so the editor, its tooltips and its completion list can run in tests.
 */
const emptyRect = (): DOMRect => ({
  x: 0,
  y: 0,
  top: 0,
  left: 0,
  bottom: 0,
  right: 0,
  width: 0,
  height: 0,
  toJSON: () => ({}),
})

const emptyRectList = (): DOMRectList => {
  const list: DOMRect[] = []
  return Object.assign(list, { item: () => null }) as unknown as DOMRectList
}

export function installCodeMirrorShims(): void {
  if (typeof Range.prototype.getBoundingClientRect !== 'function')
    Range.prototype.getBoundingClientRect = emptyRect
  if (typeof Range.prototype.getClientRects !== 'function') Range.prototype.getClientRects = emptyRectList
  if (typeof document.elementFromPoint !== 'function') document.elementFromPoint = () => null
}
