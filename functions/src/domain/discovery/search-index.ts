import type { Series } from '../catalog/catalog';
import { fold } from '../text-fold';
import { hasHan, matchPinyinAt, matchText, nearPinyinAt, pinyinField, type PinyinField } from './text-match';

/**
 * The in-process search index over the published catalog: titles, cast, tags and synopses, each
 * folded (full-width to half-width, lower case, no spaces or punctuation) and, except synopses,
 * spelled out in pinyin. Chinese is matched as typed, without word boundaries, through an n-gram
 * index (characters and character pairs → series) that narrows each Chinese term to the series
 * holding all its pairs (or, for a term of 4+ characters, all but two: one character off). Pinyin
 * is matched from the syllables that start with the term's first letter (a second index: first
 * letter → syllable positions), so a query looks at a few thousand syllables, not the whole
 * catalog. A query's terms (split on spaces) must all
 * match; a series' score adds up each term's best field (weight × how well), and results go by
 * that score, then by plays, then by the catalog's order.
 *
 * Sized for one function's memory: about 1,000 series take a few MB (BENCHMARKS.md). Past that the
 * `SeriesSearch` port (search.ts) is where a search service takes over.
 */

type FieldKind = 'title' | 'cast' | 'tag' | 'synopsis';
const weights: Record<FieldKind, number> = { title: 10, cast: 6, tag: 6, synopsis: 2 };

interface Field {
  kind: FieldKind;
  text: string;
  /** Synopses have none: they are matched by characters only. */
  pinyin?: PinyinField;
}

interface Doc {
  series: Series;
  fields: Field[];
}

/** At most this many results. */
export const searchLimit = 50;

/** Where a syllable starts: series, field, syllable (the pinyin side of the index, by first letter). */
type Start = [doc: number, field: number, syllable: number];

export class SearchIndex {
  private readonly docs: Doc[];
  /** Characters and character pairs → series holding them. */
  private readonly postings = new Map<string, number[]>();
  /** First letter → every syllable starting with it. */
  private readonly starts = new Map<string, Start[]>();
  /** Series with Latin letters or digits in some field (a Latin term may match their text as typed). */
  private readonly latin: number[] = [];

  constructor(readonly series: readonly Series[]) {
    this.docs = series.map((s) => ({
      series: s,
      fields: [
        { kind: 'title', text: fold(s.title), pinyin: pinyinField(s.title) },
        ...(s.cast ?? []).map((name) => ({ kind: 'cast' as const, text: fold(name), pinyin: pinyinField(name, 'name') })),
        ...s.tags.map((tag) => ({ kind: 'tag' as const, text: fold(tag), pinyin: pinyinField(tag) })),
        { kind: 'synopsis', text: fold(s.synopsis) },
      ],
    }));
    this.docs.forEach((doc, i) => {
      const grams = new Set<string>();
      doc.fields.forEach((field, f) => {
        const chars = [...field.text];
        chars.forEach((c, k) => {
          grams.add(c);
          if (k + 1 < chars.length) grams.add(c + chars[k + 1]);
        });
        field.pinyin?.syllables.forEach((syllable, k) => push(this.starts, syllable.first, [i, f, k]));
      });
      for (const gram of grams) push(this.postings, gram, i);
      if (doc.fields.some((field) => /[a-z0-9]/.test(field.text))) this.latin.push(i);
    });
  }

  /** Series matching every term of `query`, best first; `playsOf` breaks ties in match. */
  search(query: string, playsOf: (seriesId: string) => number): Series[] {
    const terms = query.split(/\s+/).map(fold).filter(Boolean).slice(0, 8);
    if (terms.length === 0) return [];
    let scores: Map<number, number> | undefined;
    for (const term of terms) {
      const found = hasHan(term) ? this.matchChinese(term) : this.matchLatin(term);
      if (scores) {
        const before: Map<number, number> = scores;
        scores = new Map([...found].filter(([i]) => before.has(i)).map(([i, score]) => [i, score + before.get(i)!]));
      } else scores = found;
      if (scores.size === 0) return [];
    }
    return [...scores!]
      .map(([i, score]) => ({ series: this.docs[i].series, score }))
      .sort((a, b) => b.score - a.score || playsOf(b.series.id) - playsOf(a.series.id) || a.series.order - b.series.order || a.series.id.localeCompare(b.series.id))
      .slice(0, searchLimit)
      .map(({ series }) => series);
  }

  /** Chinese: the series holding the term's character pairs, each scored by its best field. */
  private matchChinese(term: string): Map<number, number> {
    const scores = new Map<number, number>();
    for (const i of this.candidatesFor(term)) {
      let best = 0;
      for (const field of this.docs[i].fields) best = Math.max(best, matchText(term, field.text) * weights[field.kind]);
      if (best > 0) scores.set(i, best);
    }
    return scores;
  }

  /** Letters: pinyin from every syllable starting with the term's first letter, typos where nothing matched, Latin text as typed. */
  private matchLatin(term: string): Map<number, number> {
    const scores = new Map<number, number>();
    const keep = (i: number, score: number) => score > (scores.get(i) ?? 0) && scores.set(i, score);
    const starts = this.starts.get(term[0]) ?? [];
    for (const [i, f, k] of starts) {
      // A one-letter term only matches the start of a field.
      if (term.length === 1 && k > 0) continue;
      const field = this.docs[i].fields[f];
      keep(i, matchPinyinAt(term, field.pinyin!, k) * weights[field.kind]);
    }
    if (/^[a-z]+$/.test(term) && term.length >= 5) {
      for (const [i, f, k] of starts) {
        if (scores.has(i)) continue;
        const field = this.docs[i].fields[f];
        keep(i, nearPinyinAt(term, field.pinyin!, k) * weights[field.kind]);
      }
    }
    for (const i of this.latin) for (const field of this.docs[i].fields) keep(i, matchText(term, field.text) * weights[field.kind]);
    return scores;
  }

  /** Series whose text holds every character pair of `term` (one character off allowed at 4+). */
  private candidatesFor(term: string): number[] {
    const chars = [...term];
    if (chars.length === 1) return this.postings.get(term) ?? [];
    const pairs = [...new Set(chars.slice(1).map((c, k) => chars[k] + c))];
    // One substituted character breaks at most two pairs; under 4 characters no typo is forgiven.
    const needed = chars.length >= 4 ? Math.max(1, pairs.length - 2) : pairs.length;
    const counts = new Map<number, number>();
    for (const pair of pairs) for (const i of this.postings.get(pair) ?? []) counts.set(i, (counts.get(i) ?? 0) + 1);
    return [...counts].filter(([, n]) => n >= needed).map(([i]) => i);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
