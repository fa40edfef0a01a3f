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

/** A field spelled out: its syllables, and their full pinyin joined (with where each syllable starts) for typos. */
export interface PinyinField {
  syllables: Syllable[];
  joined: string;
  offsets: number[];
}

export function pinyinField(text: string, kind: 'name' | 'text' = 'text'): PinyinField {
  const syllables = syllablesOf(text, kind);
  const offsets: number[] = [];
  let joined = '';
  for (const s of syllables) {
    offsets.push(joined.length);
    joined += s.full;
  }
  return { syllables, joined, offsets };
}

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

/** Characters (or Latin text) as typed: whole, prefix, inside, or (Chinese, 4+ characters) one character off. */
export function matchText(term: string, text: string): number {
  if (text === term) return matchQuality.whole;
  if (text.startsWith(term)) return matchQuality.start;
  if (text.includes(term)) return matchQuality.inside;
  return term.length >= 4 && hasHan(term) && withinOneSubstitution(term, text) ? matchQuality.near : 0;
}

/** Some window of `text` differs from `term` in at most one place (UTF-16 units: Chinese is one each). */
function withinOneSubstitution(term: string, text: string): boolean {
  for (let i = 0; i + term.length <= text.length; i++) {
    let diff = 0;
    for (let j = 0; j < term.length && diff <= 1; j++) if (text.charCodeAt(i + j) !== term.charCodeAt(j)) diff++;
    if (diff <= 1) return true;
  }
  return false;
}

/**
 * Pinyin as typed, against a field's syllables from syllable `i` on: each piece of the term is a
 * whole syllable, its initial or its first letter, and the term may end inside a syllable. Matched
 * from the field's first syllable it is the whole field or its start, from a later one inside it.
 */
export function matchPinyinAt(term: string, field: PinyinField, i: number): number {
  const { syllables } = field;
  // The second letter goes on the first syllable or starts the next one: most syllables fail here.
  if (term.length > 1 && term[1] !== syllables[i].full[1] && term[1] !== syllables[i + 1]?.first) return 0;
  const end = furthestEnd(term, syllables, i);
  if (end < 0) return 0;
  return i > 0 ? matchQuality.inside : end === field.syllables.length ? matchQuality.whole : matchQuality.start;
}

/** One typo (a letter wrong, missing, extra, or two swapped) from the field's full pinyin at syllable `i`: for terms of 5+ letters. */
export function nearPinyinAt(term: string, field: PinyinField, i: number): number {
  return term.length >= 5 && nearPrefix(term, field.joined, field.offsets[i]) ? matchQuality.near : 0;
}

/** Whether `term` from position `p` on is a prefix of `full` (the syllable still being typed). */
function restIsPrefix(term: string, p: number, full: string): boolean {
  if (term.length - p > full.length) return false;
  for (let k = p; k < term.length; k++) if (term.charCodeAt(k) !== full.charCodeAt(k - p)) return false;
  return true;
}

/**
 * The syllable index after the furthest match of `term` from syllable `start`, or -1: a search over
 * (position in term, syllable) states, each visited once. It runs for thousands of syllables a
 * query, so it allocates nothing: the visited marks and the stack are buffers kept between calls
 * (a call's marks are told apart by its stamp).
 */
let seen = new Int32Array(256);
let stack = new Int32Array(3 * 256);
let stamp = 0;
function furthestEnd(term: string, syllables: readonly Syllable[], start: number): number {
  const n = syllables.length;
  const width = n + 1;
  const states = (term.length + 1) * width;
  if (states > seen.length) [seen, stack] = [new Int32Array(states), new Int32Array(3 * states)];
  if (++stamp === 2 ** 31 - 1) {
    stamp = 1;
    seen.fill(0);
  }
  let top = 0;
  stack[top++] = start; // state = p * width + j
  let best = -1;
  while (top > 0) {
    const state = stack[--top];
    const p = Math.floor(state / width);
    const j = state - p * width;
    if (p === term.length) {
      if (j > best) best = j;
      continue;
    }
    if (j === n || seen[state] === stamp) continue;
    seen[state] = stamp;
    const s = syllables[j];
    if (j + 1 > best && restIsPrefix(term, p, s.full)) best = j + 1; // still typing this syllable
    // A state is expanded once and pushes at most three: the stack never outgrows 3 × states.
    if (term.startsWith(s.full, p)) stack[top++] = (p + s.full.length) * width + j + 1;
    if (s.initial.length > 1 && term.startsWith(s.initial, p)) stack[top++] = (p + s.initial.length) * width + j + 1;
    if (term.charCodeAt(p) === s.first.charCodeAt(0)) stack[top++] = (p + 1) * width + j + 1;
  }
  return best;
}

/** Whether `term` is within one edit (Damerau: a swap counts one) of some prefix of `text` from `from` on (same first letter). */
function nearPrefix(term: string, text: string, from: number): boolean {
  // With the first letters equal, one edit leaves one of these pairs equal: most syllables fail here.
  const t1 = term.charCodeAt(1);
  const t2 = term.charCodeAt(2);
  const x1 = text.charCodeAt(from + 1);
  const x2 = text.charCodeAt(from + 2);
  if (t1 !== x1 && t2 !== x2 && t1 !== x2 && t2 !== x1) return false;
  // Optimal string alignment distance against every prefix of text at once (the last row's
  // minimum over prefix lengths n−1…n+1); stops as soon as a whole row is past one edit.
  const n = term.length;
  const m = Math.min(text.length - from, n + 1);
  if (rows[0].length < m + 1) rows = [0, 1, 2].map(() => new Int32Array(2 * (m + 1)));
  let [prev2, prev, row] = rows;
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    row[0] = i;
    let rowMin = i;
    for (let j = 1; j <= m; j++) {
      const cost = term.charCodeAt(i - 1) === text.charCodeAt(from + j - 1) ? 0 : 1;
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && term.charCodeAt(i - 1) === text.charCodeAt(from + j - 2) && term.charCodeAt(i - 2) === text.charCodeAt(from + j - 1)) d = Math.min(d, prev2[j - 2] + 1);
      row[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > 1) return false;
    [prev2, prev, row] = [prev, row, prev2];
  }
  for (let j = Math.max(0, n - 1); j <= m; j++) if (prev[j] <= 1) return true;
  return false;
}
/** The three rows nearPrefix works in, kept between calls (it runs for thousands of syllables a query). */
let rows = [0, 1, 2].map(() => new Int32Array(32));
