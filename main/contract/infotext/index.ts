/*
 * A1111's generation-parameters text, read once for the whole app: the renderer's paste and
 * main's PNG import both use this. Pure (no I/O, no imports beyond the contract's schemas' types),
 * so it may live in the contract the renderer is allowed to import; the sandboxed preload does
 * not import it (it takes only channels.ts).
 */
export { looksLikeInfotext, parseInfotext, parseParamsLine, type ParsedInfotext } from './parse-infotext'
export { infotextKeyFields, inpaintChoiceNames, type InfotextParams } from './infotext-keys'
