import Database from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { image2ImageParamsSchema, type TaskInput, type TaskRecord } from '#contract'
import { useTempDirs } from '../../support/temp-dir'
import { makeTaskRecord } from './fixtures/task-records'
import { useHistoryStores } from './use-history-store'

const objectOf = (name: string) => ({ bucket: 'bkt', key: `img-open-workbench/2025-01-01/${name}.png` })

const upload = (role: TaskInput['role'], name: string, keepUpload = false): TaskInput => ({
  role,
  origin: 'upload',
  url: `https://bkt.example/${name}.png?X-Amz-Signature=abc`,
  urlExpiresAt: 1_700_000_360_000,
  cacheKey: name.padEnd(64, 'a'),
  storageObject: objectOf(name),
  keepUpload,
  sent: { width: 512, height: 512, bytes: 1000 },
  resizedFrom: null,
})

/** An img2img task whose source (and mask, for inpaint) were uploaded to the profile's storage. */
function imageTask(status: TaskRecord['status'], inputs: TaskInput[]): TaskRecord {
  const base = makeTaskRecord({ status, profileId: 'studio' })
  return {
    ...base,
    kind: 'inpaint',
    params: image2ImageParamsSchema.parse({
      ...base.params,
      alwayson_scripts: {
        ...base.params.alwayson_scripts,
        image_link: inputs[0]?.url,
        mask_link: inputs[1]?.url ?? inputs[0]?.url,
      },
    }),
    inputs,
  }
}

const ids = (records: readonly TaskRecord[]) => records.map((record) => record.id)

describe('history store: uploads the app still has to delete', () => {
  const tempDir = useTempDirs()
  const open = useHistoryStores()

  it('lists finished tasks that still hold uploads they do not keep, across a reopen, and drops them once released', async () => {
    const dir = await tempDir()
    const first = open(dir)
    const owing = imageTask('succeeded', [upload('source', 'a'), upload('mask', 'b')])
    const kept = imageTask('failed', [upload('source', 'c', true)])
    const running = imageTask('running', [upload('source', 'd')])
    const released = imageTask('succeeded', [{ ...upload('source', 'e'), storageObject: null }])
    for (const record of [owing, kept, running, released]) first.insert(record)
    first.insert(makeTaskRecord())
    expect(ids(first.unreleasedUploads())).toEqual([owing.id])
    first.close()

    const second = open(dir)
    expect(ids(second.unreleasedUploads())).toEqual([owing.id])
    // The running task ends: now it owes its deletion too.
    second.update(running.id, { status: 'failed' })
    expect(ids(second.unreleasedUploads())).toEqual([owing.id, running.id])
    // One object of two deleted: still owing; both: done.
    const [source, mask] = owing.inputs ?? []
    if (!source || !mask) throw new Error('inputs missing')
    second.update(owing.id, { inputs: [{ ...source, storageObject: null }, mask] })
    expect(ids(second.unreleasedUploads())).toEqual([owing.id, running.id])
    second.update(owing.id, {
      inputs: [
        { ...source, storageObject: null },
        { ...mask, storageObject: null },
      ],
    })
    expect(ids(second.unreleasedUploads())).toEqual([running.id])
    // Retried: in flight again, so the task's inputs are its own business until it ends.
    second.update(running.id, { status: 'submitting' })
    expect(second.unreleasedUploads()).toEqual([])
  })

  it('keeps a note of an upload until a record holds it; a run never sees its own notes, the next one does', async () => {
    const dir = await tempDir()
    const first = open(dir)
    first.noteUpload('studio', objectOf('recorded'))
    first.noteUpload('studio', objectOf('orphan'))
    first.noteUpload('studio', objectOf('deleted'))
    first.dropUploadNote('studio', objectOf('deleted'))
    // The record holding one of them is written: its note goes in the same transaction.
    first.insert(imageTask('submitting', [upload('source', 'recorded')]))
    expect(first.uploadNotes()).toEqual([])
    first.close()

    const second = open(dir)
    expect(second.uploadNotes()).toEqual([{ profileId: 'studio', object: objectOf('orphan') }])
    second.dropUploadNote('studio', objectOf('orphan'))
    expect(second.uploadNotes()).toEqual([])
  })

  it('turns the uploads of a deleted task into notes, so they are still deleted', async () => {
    const dir = await tempDir()
    const first = open(dir)
    const task = imageTask('failed', [upload('source', 'src'), upload('mask', 'kept', true)])
    first.insert(task)
    first.delete([task.id])
    expect(first.unreleasedUploads()).toEqual([])
    first.close()

    const second = open(dir)
    expect(second.uploadNotes()).toEqual([{ profileId: 'studio', object: objectOf('src') }])
  })

  it('builds the list from a history written before it existed (schema version 1)', async () => {
    const dir = await tempDir()
    const first = open(dir)
    const owing = imageTask('cancelled', [upload('source', 'old')])
    first.insert(owing)
    first.insert(imageTask('succeeded', [upload('source', 'kept', true)]))
    first.insert(makeTaskRecord())
    first.close()
    // What version 1 of the app wrote: the same tasks, without the ledger's tables.
    const raw = new Database(join(dir, 'history.db'))
    raw.exec('DROP TABLE tasks_releasing; DROP TABLE upload_notes; PRAGMA user_version = 1;')
    raw.close()

    const second = open(dir)
    expect(ids(second.unreleasedUploads())).toEqual([owing.id])
    expect(second.query({}).total).toBe(3)
    second.close()
    const check = new Database(join(dir, 'history.db'), { readonly: true })
    expect(check.pragma('user_version', { simple: true })).toBe(2)
    check.close()
  })
})
