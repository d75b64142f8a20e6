import { describe, expect, it } from 'vitest'
import { text2ImageParamsSchema, type TaskRecord } from '#contract'
import { taskNotice } from '../../../main/shell/task-notification'

const task = (status: TaskRecord['status']): TaskRecord => ({
  id: 't1',
  kind: 'text2image',
  profileId: 'demo',
  profileName: 'Demo',
  params: text2ImageParamsSchema.parse({
    prompt: '一座灯塔, a lighthouse',
    alwayson_scripts: { sd_model_checkpoint: 'm' },
  }),
  status,
  description: null,
  createdAt: 1,
  updatedAt: 2,
  finishedAt: 2,
  error: null,
  images: [],
})

describe('desktop notification for a finished task', () => {
  it('tells a user who is looking elsewhere, in their language, with the prompt', () => {
    expect(taskNotice(task('succeeded'), false, 'en-US')).toEqual({
      title: 'Images ready',
      body: '一座灯塔, a lighthouse',
    })
    expect(taskNotice(task('failed'), false, 'zh-CN')).toEqual({
      title: '任务失败',
      body: '一座灯塔, a lighthouse',
    })
  })

  it('stays quiet while the app has focus, while the task runs, or when the user cancelled it', () => {
    expect(taskNotice(task('succeeded'), true, 'en')).toBeNull()
    expect(taskNotice(task('running'), false, 'en')).toBeNull()
    expect(taskNotice(task('cancelled'), false, 'en')).toBeNull()
  })
})
