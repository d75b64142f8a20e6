import { checkpointParamsPatch, type AdetailerUnit } from '#contract'
import { defaultDraft, mergeParams, type ParamsDraft, type ScriptsDraft } from './draft'
import { dropUndefined } from './merge'
import { inferSeedMode } from './seed'
import { nearestFamily } from './sizes'
import type { DraftSlice, SeedMode, WorkbenchSlice, WorkbenchState } from './store-types'

/** How many parameter changes can be undone. */
export const undoLimit = 100

/**
 * The state change for a new draft: one undo step, unless it edits the same field as the
 * previous change (typing "150" is one step, not three). The seed mode follows the seed.
 */
export function commitDraft(
  state: WorkbenchState,
  next: ParamsDraft,
  edit: string | null,
  seedMode?: SeedMode,
): Partial<WorkbenchState> {
  if (next === state.draft) return {}
  const coalesce = edit !== null && edit === state.lastEdit
  const sizeChanged = next.width !== state.draft.width || next.height !== state.draft.height
  return {
    draft: next,
    past: coalesce ? state.past : [...state.past, state.draft].slice(-undoLimit),
    future: [],
    lastEdit: edit,
    seedMode: seedMode ?? inferSeedMode(next.seed, state.seedMode, state.lastSeed),
    // A size loaded from outside moves the ratio buttons to its family; the user's own picks don't.
    prefs: sizeChanged && edit === null ? { ...state.prefs, sizeFamily: nearestFamily(next) } : state.prefs,
  }
}

function withScripts(draft: ParamsDraft, patch: Partial<ScriptsDraft>): ParamsDraft {
  const merged: Record<string, unknown> = { ...draft.alwayson_scripts, ...patch }
  for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key]
  return { ...draft, alwayson_scripts: merged as ScriptsDraft }
}

/**
 * What "replace" lays a patch over: the defaults, except the other modes' own settings, which a
 * patch that does not name them (a text2image task sent to img2img) leaves as the user set them.
 */
export const replaceBase = (draft: ParamsDraft): ParamsDraft => ({
  ...defaultDraft,
  img2img: draft.img2img,
  controlnet: draft.controlnet,
})

function withUnits(draft: ParamsDraft, units: readonly AdetailerUnit[]): ParamsDraft {
  return withScripts(draft, { ADetailer: units.length > 0 ? { args: [...units] } : undefined })
}

export const createDraftSlice: WorkbenchSlice<DraftSlice> = (set) => ({
  draft: defaultDraft,
  past: [],
  future: [],
  lastEdit: null,
  presetNegative: null,
  setParam: (key, value) => set((state) => commitDraft(state, { ...state.draft, [key]: value }, key)),
  setScript: (key, value) =>
    set((state) => commitDraft(state, withScripts(state.draft, { [key]: value }), `alwayson_scripts.${key}`)),
  fillEmptyCheckpoint: (name) =>
    set((state) =>
      state.draft.alwayson_scripts.sd_model_checkpoint === '' && name !== ''
        ? { draft: withScripts(state.draft, { sd_model_checkpoint: name }) }
        : {},
    ),
  setClipSkip: (value) =>
    set((state) =>
      commitDraft(
        state,
        withScripts(state.draft, {
          override_settings: {
            ...state.draft.alwayson_scripts.override_settings,
            CLIP_stop_at_last_layers: value,
          },
        }),
        'clipSkip',
      ),
    ),
  setSize: ({ width, height }) =>
    set((state) => commitDraft(state, { ...state.draft, width, height }, 'size')),
  swapSize: () =>
    set((state) =>
      commitDraft(state, { ...state.draft, width: state.draft.height, height: state.draft.width }, null),
    ),
  setAdetailerUnits: (units) => set((state) => commitDraft(state, withUnits(state.draft, units), null)),
  setAdetailerField: (unit, key, value) =>
    set((state) => {
      const units = state.draft.alwayson_scripts.ADetailer?.args ?? []
      const current = units[unit]
      if (!current) return {}
      const next = units.map((item, index) => (index === unit ? { ...current, [key]: value } : item))
      return commitDraft(state, withUnits(state.draft, next), `ad.${unit}.${key}`)
    }),
  setImageSetting: (key, value) =>
    set((state) =>
      commitDraft(
        state,
        { ...state.draft, img2img: dropUndefined({ ...state.draft.img2img, [key]: value }) },
        `img2img.${key}`,
      ),
    ),
  setControlNetResizeMode: (value) =>
    set((state) =>
      commitDraft(
        state,
        { ...state.draft, controlnet: { ...state.draft.controlnet, resize_mode: value } },
        'controlnet.resize_mode',
      ),
    ),
  setControlNetEndpoint: (value) =>
    set((state) =>
      commitDraft(
        state,
        { ...state.draft, controlnet: { ...state.draft.controlnet, endpoint: value } },
        'controlnet.endpoint',
      ),
    ),
  applyParams: (patch, options) =>
    set((state) =>
      commitDraft(state, mergeParams(options?.replace ? replaceBase(state.draft) : state.draft, patch), null),
    ),
  applyCheckpointPreset: (preset) =>
    set((state) => {
      // The presets feature owns the mapping; settings the preset does not hold stay as they are.
      const { negative_prompt: negative, ...patch } = checkpointParamsPatch(preset)
      // Its negative prompt replaces an empty one or the previous preset's, never one the user wrote.
      const replaceNegative =
        negative !== undefined &&
        (state.draft.negative_prompt === '' || state.draft.negative_prompt === state.presetNegative)
      const next = mergeParams(state.draft, replaceNegative ? { ...patch, negative_prompt: negative } : patch)
      return {
        ...commitDraft(state, next, null),
        presetNegative: replaceNegative ? negative : state.presetNegative,
      }
    }),
  undo: () =>
    set((state) => {
      const previous = state.past.at(-1)
      if (!previous) return {}
      return {
        draft: previous,
        past: state.past.slice(0, -1),
        future: [state.draft, ...state.future],
        lastEdit: null,
        seedMode: inferSeedMode(previous.seed, state.seedMode, state.lastSeed),
      }
    }),
  redo: () =>
    set((state) => {
      const [next, ...rest] = state.future
      if (!next) return {}
      return {
        draft: next,
        past: [...state.past, state.draft].slice(-undoLimit),
        future: rest,
        lastEdit: null,
        seedMode: inferSeedMode(next.seed, state.seedMode, state.lastSeed),
      }
    }),
})
