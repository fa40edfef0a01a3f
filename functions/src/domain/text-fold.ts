/**
 * Text as people mean it rather than as they typed it: full-width letters and digits as half-width
 * (NFKC), lower case, and nothing but letters, digits and characters: spaces, punctuation, symbols,
 * emoji and invisible characters go. Search matches folded text; moderation checks it too, so a
 * word spelled with spaces or symbols between its characters is still that word.
 */
export function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/** Only the Chinese characters of a text, in order: what a word with letters slipped between its characters still spells. */
export function hanSkeleton(text: string): string {
  return text.replace(/[^\p{Script=Han}]/gu, '');
}
