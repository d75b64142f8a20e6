import { EditorView } from '@codemirror/view'

/*
 * The prompt editor's colours, from CSS variables (`--pt-*`, theme.css) so the editor follows the
 * app's dark or light scheme; the fallbacks are the dark values. Colours keep at least 4.5:1
 * contrast on the panel colour in both schemes; problems (unbalanced brackets, invalid weights) are shown by a wavy underline as well
 * as by colour, so they do not depend on colour vision.
 */
const problem = {
  color: 'var(--pt-problem, #ff8a8a)',
  textDecoration: 'underline wavy var(--danger, #ff6b6b)',
  textUnderlineOffset: '3px',
}

export const promptTheme = EditorView.theme(
  {
    '&': {
      backgroundColor: 'var(--panel, #1f232b)',
      color: 'var(--text, #e6e8ee)',
      border: '1px solid var(--border-strong, #363c48)',
      borderRadius: '6px',
      minHeight: '6em',
    },
    '&.cm-focused': { outline: '2px solid var(--accent, #5b8cff)', outlineOffset: '1px' },
    '.cm-content': {
      fontFamily: 'inherit',
      lineHeight: '1.55',
      padding: '6px 2px',
      caretColor: 'var(--text, #e6e8ee)',
    },
    '.cm-placeholder': { color: 'var(--muted, #9aa3b2)' },
    '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': {
      backgroundColor: 'var(--pt-selection, #34466e)',
    },
    '.cm-prompt-emphasis-open, .cm-prompt-emphasis-close': { color: 'var(--pt-emphasis, #f0a35e)' },
    '.cm-prompt-weight': { color: 'var(--pt-weight, #ffcb6b)', fontWeight: '600' },
    '.cm-prompt-de-emphasis-open, .cm-prompt-de-emphasis-close': { color: 'var(--pt-deemphasis, #82aaff)' },
    '.cm-prompt-escape': { color: 'var(--pt-escape, #b4bccb)', fontStyle: 'italic' },
    '.cm-prompt-break': { color: 'var(--pt-break, #ff9ad5)', fontWeight: '700', letterSpacing: '0.04em' },
    '.cm-prompt-schedule-bracket, .cm-prompt-schedule-colon': { color: 'var(--pt-schedule, #d6a8ff)' },
    '.cm-prompt-schedule-when': { color: 'var(--pt-schedule, #d6a8ff)', fontWeight: '600' },
    '.cm-prompt-schedule-from': { backgroundColor: 'rgba(214, 168, 255, 0.10)' },
    '.cm-prompt-schedule-to': { backgroundColor: 'rgba(130, 170, 255, 0.12)' },
    '.cm-prompt-alternate-bracket, .cm-prompt-alternate-bar': {
      color: 'var(--pt-alternate, #89ddff)',
      fontWeight: '600',
    },
    '.cm-prompt-lora, .cm-prompt-lyco, .cm-prompt-extra-network': {
      color: 'var(--pt-lora, #6fdca6)',
      backgroundColor: 'rgba(76, 195, 138, 0.10)',
      borderRadius: '3px',
    },
    '.cm-prompt-hypernet': {
      color: 'var(--pt-hypernet, #f7a07c)',
      backgroundColor: 'rgba(247, 140, 108, 0.10)',
      borderRadius: '3px',
    },
    '.cm-prompt-network-name': { textDecoration: 'underline', textUnderlineOffset: '3px' },
    '.cm-prompt-network-weight': { color: 'var(--pt-weight, #ffcb6b)' },
    '.cm-prompt-embedding': {
      color: 'var(--pt-embedding, #f5c2e7)',
      textDecoration: 'underline dotted',
      textUnderlineOffset: '3px',
    },
    '.cm-prompt-brace': { color: 'var(--pt-brace, #e0af68)' },
    '.cm-prompt-and': { color: 'var(--pt-and, #73daca)', fontWeight: '700', letterSpacing: '0.04em' },
    '.cm-prompt-subprompt-weight': { color: 'var(--pt-and, #73daca)', fontWeight: '600' },
    // Dimmed, still 4.7:1; italic so it does not rest on colour alone.
    '.cm-prompt-comment': { color: 'var(--pt-comment, #858e9e)', fontStyle: 'italic' },
    '.cm-prompt-unbalanced': { ...problem, backgroundColor: 'rgba(255, 107, 107, 0.18)' },
    '.cm-prompt-weight-invalid, .cm-prompt-invalid': problem,
    '.cm-tooltip.cm-tooltip-hover': {
      backgroundColor: 'var(--pt-tooltip-bg, #2a2f3a)',
      color: 'var(--text, #e6e8ee)',
      border: '1px solid var(--pt-tooltip-border, #444b59)',
    },
    '.cm-prompt-tooltip': { padding: '3px 8px', fontSize: '13px' },
    '.cm-tooltip-autocomplete': {
      backgroundColor: 'var(--pt-tooltip-bg, #2a2f3a)',
      border: '1px solid var(--pt-tooltip-border, #444b59)',
    },
    '.cm-tooltip-autocomplete > ul > li[aria-selected]': {
      backgroundColor: 'var(--pt-selection, #34466e)',
      color: '#ffffff',
    },
  },
  { dark: true },
)
