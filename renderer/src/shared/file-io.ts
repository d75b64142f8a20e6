/** Offers text as a file download (the renderer cannot write files itself). */
export function offerDownload(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.rel = 'noopener'
  document.body.appendChild(link)
  link.click()
  link.remove()
  // Revoke after the click has been handled, or some browsers cancel the download.
  setTimeout(() => URL.revokeObjectURL(url), 0)
}

/** A picked or dropped file's text, or null when it is larger than `maxChars` allows. */
export async function readTextFile(file: File, maxChars: number): Promise<string | null> {
  // UTF-8 takes at least one byte per character, so the byte size bounds the length.
  if (file.size > maxChars * 4) return null
  const text = await file.text()
  return text.length > maxChars ? null : text
}
