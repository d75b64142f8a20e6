import { readFileSync } from 'node:fs'

/**
 * A record cell found by reading the file's pages directly: its rowid and its one BLOB column.
 * `task_bodies` rows are exactly that (the seq is the rowid; SQLite stores the column as NULL).
 */
export interface RawBodyCell {
  readonly seq: number
  readonly body: Buffer
}

const headerMagic = 'SQLite format 3\0'
const leafTablePage = 0x0d
const freelistTrunkOffset = 32
/** Our files use 8 KiB pages (history-db.ts); older or foreign ones SQLite's default 4 KiB. */
const fallbackPageSizes = [8192, 4096] as const

const isPageSize = (size: number) => size >= 512 && size <= 65_536 && (size & (size - 1)) === 0

function readVarint(bytes: Buffer, at: number): { value: number; next: number } | null {
  let value = 0n
  for (let index = 0; index < 9; index += 1) {
    const byte = bytes[at + index]
    if (byte === undefined) return null
    if (index === 8) return { value: Number((value << 8n) | BigInt(byte)), next: at + 9 }
    value = (value << 7n) | BigInt(byte & 0x7f)
    if (byte < 0x80) return { value: Number(value), next: at + index + 1 }
  }
  return null
}

interface Layout {
  readonly file: Buffer
  readonly pageSize: number
  /** Bytes of a page SQLite uses (the page less its reserved tail). */
  readonly usable: number
  readonly pageCount: number
}

const pageStart = (layout: Layout, page: number) => (page - 1) * layout.pageSize

/** Pages on the freelist (what deleted rows left behind), when the header still names it. */
function freePages(layout: Layout): Set<number> {
  const free = new Set<number>()
  if (layout.file.subarray(0, 16).toString('latin1') !== headerMagic) return free
  let trunk = layout.file.readUInt32BE(freelistTrunkOffset)
  while (trunk > 0 && trunk <= layout.pageCount && !free.has(trunk)) {
    free.add(trunk)
    const at = pageStart(layout, trunk)
    const leaves = Math.min(layout.file.readUInt32BE(at + 4), (layout.usable - 8) / 4)
    for (let index = 0; index < leaves; index += 1) free.add(layout.file.readUInt32BE(at + 8 + index * 4))
    trunk = layout.file.readUInt32BE(at)
  }
  return free
}

/** A cell's whole payload: the local part, then its overflow chain. Null when the chain breaks. */
function payloadOf(layout: Layout, at: number, size: number): Buffer | null {
  const { usable, file } = layout
  const maxLocal = usable - 35
  const minLocal = Math.floor(((usable - 12) * 32) / 255) - 23
  if (size <= maxLocal) return at + size <= file.length ? file.subarray(at, at + size) : null
  const spill = minLocal + ((size - minLocal) % (usable - 4))
  const local = spill <= maxLocal ? spill : minLocal
  const parts = [file.subarray(at, at + local)]
  let left = size - local
  let next = file.readUInt32BE(at + local)
  const seen = new Set<number>()
  while (left > 0) {
    if (next < 1 || next > layout.pageCount || seen.has(next)) return null
    seen.add(next)
    const start = pageStart(layout, next)
    const take = Math.min(left, usable - 4)
    parts.push(file.subarray(start + 4, start + 4 + take))
    left -= take
    next = file.readUInt32BE(start)
  }
  return Buffer.concat(parts)
}

/** The BLOB of a two-column record `(NULL, BLOB)`, or null for any other shape. */
function bodyColumn(payload: Buffer): Buffer | null {
  const headerSize = readVarint(payload, 0)
  if (!headerSize || headerSize.value > payload.length) return null
  const first = readVarint(payload, headerSize.next)
  const second = first && readVarint(payload, first.next)
  if (!first || !second || first.value !== 0 || second.next !== headerSize.value) return null
  if (second.value < 12 || second.value % 2 !== 0) return null
  const length = (second.value - 12) / 2
  const start = headerSize.value
  return start + length === payload.length ? payload.subarray(start, start + length) : null
}

function cellsOfPage(layout: Layout, page: number, take: (cell: RawBodyCell) => void): void {
  const start = pageStart(layout, page)
  const header = start + (page === 1 ? 100 : 0)
  if (layout.file[header] !== leafTablePage) return
  const count = layout.file.readUInt16BE(header + 3)
  for (let index = 0; index < count; index += 1) {
    const pointerAt = header + 8 + index * 2
    if (pointerAt + 2 > start + layout.pageSize) return
    const cellAt = start + layout.file.readUInt16BE(pointerAt)
    if (cellAt <= header || cellAt >= start + layout.pageSize) continue
    const size = readVarint(layout.file, cellAt)
    const rowid = size && readVarint(layout.file, size.next)
    if (!size || !rowid || size.value <= 0 || size.value > 64 * 1024 * 1024) continue
    const payload = payloadOf(layout, rowid.next, size.value)
    const body = payload && bodyColumn(payload)
    if (body) take({ seq: rowid.value, body })
  }
}

/**
 * Every `(rowid, BLOB)` cell on the table-leaf pages of a damaged file, read without SQLite: what is
 * left when the header, the schema page or a b-tree's inner pages are gone, so SQLite cannot reach
 * the rows any more. Freelist pages are skipped when the header still names them; cells of deleted
 * rows left on live pages are not in the cell index and so are never read. The caller checks each
 * body (it may be another table's blob) and keeps the newest copy of a record.
 */
export function scanBodyCells(path: string, take: (cell: RawBodyCell) => void): void {
  const file = readFileSync(path)
  const stored = file.length >= 100 ? file.readUInt16BE(16) : 0
  const headerSize = stored === 1 ? 65_536 : stored
  const valid = file.subarray(0, 16).toString('latin1') === headerMagic && isPageSize(headerSize)
  const pageSize = valid ? headerSize : (fallbackPageSizes.find((size) => file.length % size === 0) ?? 8192)
  const reserved = valid ? (file[20] ?? 0) : 0
  const layout: Layout = {
    file,
    pageSize,
    usable: pageSize - reserved,
    pageCount: Math.floor(file.length / pageSize),
  }
  const free = freePages(layout)
  for (let page = 1; page <= layout.pageCount; page += 1) {
    if (free.has(page)) continue
    try {
      cellsOfPage(layout, page, take)
    } catch {
      // A damaged page (a pointer past its end): the pages after it are read all the same.
    }
  }
}
