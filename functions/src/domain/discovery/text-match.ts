import { pinyin } from 'pinyin-pro';

/**
 * The matching rules of search, one field at a time: Chinese as typed (no spaces between words, so
 * any run of characters is a word), pinyin in full, as initials (`qjgl`), or mixed (`qianjgl`),
 * with the last syllable still being typed (`qianj`), and small typos. Pinyin comes from
 * pinyin-pro (context-aware for polyphones; surnames read as surnames in cast names). Pure.
 */

/** One syllable of a field: `qian`, its initial as typed by some (`zh` of `zhong`), its first letter. */
export interface Syllable {
  full: string;
  initial: string;
  first: string;
}

const han = /\p{Script=Han}/u;
export const hasHan = (s: string) => han.test(s);

const initialOf = (full: string) => /^(zh|ch|sh)/.exec(full)?.[1] ?? full[0];

/** A field's syllables: pinyin of its characters (`ü` typed as `v`), and each Latin word or number as one. */
export function syllablesOf(text: string, kind: 'name' | 'text' = 'text'): Syllable[] {
  const pieces = pinyin(text.normalize('NFKC'), { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true, ...(kind === 'name' ? { surname: 'head' as const } : {}) });
  const out: Syllable[] = [];
  for (const piece of pieces) {
    for (const word of piece.toLowerCase().match(/[a-z]+|[0-9]+/g) ?? []) out.push({ full: word, initial: initialOf(word), first: word[0] });
  }
  return out;
}

/** How well a term matched a field: the whole field, its start, somewhere inside, or near (a typo). */
export const matchQuality = { whole: 1, start: 0.9, inside: 0.75, near: 0.4 } as const;

/** Characters (or Latin text) as typed: whole, prefix, inside, or (4+ characters) one character off. */
export function matchText(term: string, text: string): number {
  if (text === term) return matchQuality.whole;
  if (text.startsWith(term)) return matchQuality.start;
  if (text.includes(term)) return matchQuality.inside;
  return [...term].length >= 4 && withinOneSubstitution(term, text) ? matchQuality.near : 0;
}

function withinOneSubstitution(term: string, text: string): boolean {
  const t = [...term];
  const s = [...text];
  for (let i = 0; i + t.length <= s.length; i++) {
    let diff = 0;
    for (let j = 0; j < t.length && diff <= 1; j++) if (s[i + j] !== t[j]) diff++;
    if (diff <= 1) return true;
  }
  return false;
}

/**
 * Pinyin as typed, against a field's syllables: from some syllable on, each piece of the term is a
 * whole syllable, its initial or its first letter, and the term may end inside a syllable. A
 * one-letter term only matches the start of the field. Typos (one letter wrong, missing, extra or
 * two swapped) are forgiven in terms of 5+ letters.
 */
export function matchPinyin(term: string, syllables: readonly Syllable[]): number {
  if (syllables.length === 0) return 0;
  let best = 0;
  for (let i = 0; i < syllables.length; i++) {
    if (syllables[i].first !== term[0]) continue;
    if (term.length === 1 && i > 0) break;
    const end = furthestEnd(term, syllables, i);
    if (end < 0) continue;
    best = Math.max(best, i > 0 ? matchQuality.inside : end === syllables.length ? matchQuality.whole : matchQuality.start);
    if (best === matchQuality.whole) return best;
  }
  if (best > 0 || term.length < 5) return best;
  for (let i = 0; i < syllables.length; i++) {
    if (syllables[i].first !== term[0]) continue;
    const joined = syllables
      .slice(i)
      .map((s) => s.full)
      .join('');
    if (nearPrefix(term, joined)) return matchQuality.near;
  }
  return 0;
}

/** The syllable index after the furthest match of `term` from syllable `start`, or -1. */
function furthestEnd(term: string, syllables: readonly Syllable[], start: number): number {
  let best = -1;
  const seen = new Set<number>();
  const stack: Array<[number, number]> = [[0, start]]; // (position in term, syllable index)
  while (stack.length) {
    const [p, j] = stack.pop()!;
    if (p === term.length) {
      best = Math.max(best, j);
      continue;
    }
    if (j === syllables.length || seen.has(p * 1024 + j)) continue;
    seen.add(p * 1024 + j);
    const s = syllables[j];
    const rest = term.slice(p);
    if (s.full.startsWith(rest)) best = Math.max(best, j + 1); // still typing this syllable
    if (rest.startsWith(s.full)) stack.push([p + s.full.length, j + 1]);
    if (s.initial.length > 1 && rest.startsWith(s.initial)) stack.push([p + s.initial.length, j + 1]);
    if (rest[0] === s.first) stack.push([p + 1, j + 1]);
  }
  return best;
}

/** Whether `term` is within one edit (Damerau) of some prefix of `text`. */
function nearPrefix(term: string, text: string): boolean {
  // Optimal string alignment distance against every prefix of text at once: the last row's minimum.
  const n = term.length;
  const m = Math.min(text.length, n + 1);
  let prev2: number[] = [];
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  for (let i = 1; i <= n; i++) {
    const row = [i];
    for (let j = 1; j <= m; j++) {
      const cost = term[i - 1] === text[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && term[i - 1] === text[j - 2] && term[i - 2] === text[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      row.push(d);
    }
    prev2 = prev;
    prev = row;
  }
  return Math.min(...prev.slice(Math.max(0, n - 1))) <= 1;
}
