/**
 * jsdom lays nothing out, so every element is 0 px tall and a virtualiser shows no row. The
 * list's scroller gets a browser-like 640 × 600 px; everything else stays as jsdom has it.
 */
export function giveTheListASize(scrollerClass = 'history-results') {
  const sized = (element: Element, value: number) => (element.classList.contains(scrollerClass) ? value : 0)
  const height = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight')
  const width = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientWidth')
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get: function (this: Element) {
      return sized(this, 600)
    },
  })
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', {
    configurable: true,
    get: function (this: Element) {
      return sized(this, 640)
    },
  })
  return () => {
    if (height) Object.defineProperty(HTMLElement.prototype, 'clientHeight', height)
    if (width) Object.defineProperty(HTMLElement.prototype, 'clientWidth', width)
  }
}

/** A Blob's text through FileReader (jsdom's Blob has no `text()`). */
export const readBlob = (blob: Blob | undefined) =>
  new Promise<string>((resolve, reject) => {
    if (!blob) return reject(new Error('no download was offered'))
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result))
    reader.onerror = () => reject(reader.error)
    reader.readAsText(blob)
  })

/** jsdom's File lacks `text()`, which every browser the app runs in has. */
export function giveFilesText() {
  if (typeof File.prototype.text === 'function') return
  File.prototype.text = function text(this: File) {
    return readBlob(this)
  }
}
