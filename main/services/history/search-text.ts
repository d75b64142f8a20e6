/**
 * Prompt search over an FTS5 index with the `unicode61` tokenizer. That tokenizer splits on
 * spaces and punctuation, which suits English prompts but would make a whole Chinese phrase one
 * token; so Han, kana and Hangul characters are indexed one per token, and a query for "红色围巾"
 * becomes the phrase "红 色 围 巾": consecutive characters, i.e. a substring match.
 */

const ideographs = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu
const hasWordCharacter = /[\p{L}\p{N}]/u

/** The text the index holds for a prompt. */
export const searchableText = (text: string): string => text.replace(ideographs, ' $& ')

/**
 * An FTS5 query where every whitespace-separated term must appear (AND): each term a phrase whose
 * last word may be a prefix ("scar" finds "scarf"). Terms of punctuation only are ignored; null
 * when nothing searchable is left. User text never reaches FTS5 syntax unquoted.
 */
export function searchQuery(text: string): string | null {
  const phrases = text
    .split(/\s+/u)
    .filter((term) => hasWordCharacter.test(term))
    .slice(0, 32)
    .map((term) => `"${searchableText(term).trim().replaceAll('"', '""')}"*`)
  return phrases.length === 0 ? null : phrases.join(' AND ')
}
