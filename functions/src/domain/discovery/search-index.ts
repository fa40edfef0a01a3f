import type { Series } from '../catalog/catalog';
import { fold } from '../text-fold';
import { hasHan, matchPinyin, matchText, syllablesOf, type Syllable } from './text-match';

/**
 * The in-process search index over the published catalog: titles, cast, tags and synopses, each
 * folded (full-width to half-width, lower case, no spaces or punctuation) and, except synopses,
 * spelled out in pinyin. Chinese is matched as typed, without word boundaries, through an n-gram
 * index (characters and character pairs → series) that narrows each Chinese term to the series
 * holding all its pairs (or, for a term of 4+ characters, all but two: one character off); pinyin
 * terms are matched against every series' syllables. A query's terms (split on spaces) must all
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
  syllables: Syllable[];
}

interface Doc {
  series: Series;
  fields: Field[];
}

/** At most this many results. */
export const searchLimit = 50;

export class SearchIndex {
  private readonly docs: Doc[];
  private readonly postings = new Map<string, number[]>();

  constructor(readonly series: readonly Series[]) {
    this.docs = series.map((s) => ({
      series: s,
      fields: [
        { kind: 'title', text: fold(s.title), syllables: syllablesOf(s.title) },
        ...(s.cast ?? []).map((name) => ({ kind: 'cast' as const, text: fold(name), syllables: syllablesOf(name, 'name') })),
        ...s.tags.map((tag) => ({ kind: 'tag' as const, text: fold(tag), syllables: syllablesOf(tag) })),
        { kind: 'synopsis', text: fold(s.synopsis), syllables: [] },
      ],
    }));
    this.docs.forEach((doc, i) => {
      const grams = new Set<string>();
      for (const field of doc.fields) {
        const chars = [...field.text];
        chars.forEach((c, k) => {
          grams.add(c);
          if (k + 1 < chars.length) grams.add(c + chars[k + 1]);
        });
      }
      for (const gram of grams) {
        const list = this.postings.get(gram);
        if (list) list.push(i);
        else this.postings.set(gram, [i]);
      }
    });
  }

  /** Series matching every term of `query`, best first; `playsOf` breaks ties in match. */
  search(query: string, playsOf: (seriesId: string) => number): Series[] {
    const terms = query.split(/\s+/).map(fold).filter(Boolean).slice(0, 8);
    if (terms.length === 0) return [];
    // Chinese terms narrow the search to the series holding their character pairs; pinyin terms look at all.
    let candidates: Set<number> | undefined;
    for (const term of terms.filter(hasHan)) {
      const found = this.candidatesFor(term);
      const previous: Set<number> | undefined = candidates;
      candidates = previous ? new Set([...found].filter((i) => previous.has(i))) : found;
    }
    const scored: Array<{ doc: Doc; score: number }> = [];
    for (const i of candidates ?? this.docs.keys()) {
      const doc = this.docs[i];
      let score = 0;
      for (const term of terms) {
        const best = this.bestField(term, doc);
        if (best === 0) {
          score = 0;
          break;
        }
        score += best;
      }
      if (score > 0) scored.push({ doc, score });
    }
    return scored
      .sort((a, b) => b.score - a.score || playsOf(b.doc.series.id) - playsOf(a.doc.series.id) || a.doc.series.order - b.doc.series.order || a.doc.series.id.localeCompare(b.doc.series.id))
      .slice(0, searchLimit)
      .map(({ doc }) => doc.series);
  }

  private bestField(term: string, doc: Doc): number {
    const pinyinTerm = /^[a-z]+$/.test(term);
    let best = 0;
    for (const field of doc.fields) {
      const quality = Math.max(matchText(term, field.text), pinyinTerm ? matchPinyin(term, field.syllables) : 0);
      best = Math.max(best, quality * weights[field.kind]);
    }
    return best;
  }

  /** Series whose text holds every character pair of `term` (one character off allowed at 4+). */
  private candidatesFor(term: string): Set<number> {
    const chars = [...term];
    if (chars.length === 1) return new Set(this.postings.get(term) ?? []);
    const pairs = [...new Set(chars.slice(1).map((c, k) => chars[k] + c))];
    // One substituted character breaks at most two pairs; under 4 characters no typo is forgiven.
    const needed = chars.length >= 4 ? Math.max(1, pairs.length - 2) : pairs.length;
    const counts = new Map<number, number>();
    for (const pair of pairs) for (const i of this.postings.get(pair) ?? []) counts.set(i, (counts.get(i) ?? 0) + 1);
    return new Set([...counts].filter(([, n]) => n >= needed).map(([i]) => i));
  }
}
