import { seedSeries } from '../../../local/seed/catalog';
import type { Series } from '../catalog/catalog';
import { SearchIndex } from './search-index';

/** The demo catalog as stored, plus a few series that make near misses possible. */
const catalog: Series[] = [
  ...seedSeries.map((s, order) => ({ id: s.id, title: s.title, genre: s.genre, synopsis: s.synopsis, tags: s.tags, cast: s.cast, coverKey: '', freeEpisodes: s.freeEpisodes, episodePriceCoins: s.episodePriceCoins, seriesPriceFen: s.seriesPriceFen, previewS: 0, adDailyCap: 0, order, published: true, episodes: [] })),
  { id: 'golden-return', title: '黄金归来', genre: '逆袭' as const, synopsis: '一块金表引出的往事。', tags: ['年代'], cast: ['曾小贤'], coverKey: '', freeEpisodes: 1, episodePriceCoins: 10, seriesPriceFen: 100, previewS: 0, adDailyCap: 0, order: 3, published: true, episodes: [] },
  { id: 'ceo-in-love', title: '霸道CEO爱上我', genre: '甜宠' as const, synopsis: '长安城外，她遇见了他。', tags: ['总裁'], cast: ['长孙无忌'], coverKey: '', freeEpisodes: 1, episodePriceCoins: 10, seriesPriceFen: 100, previewS: 0, adDailyCap: 0, order: 4, published: true, episodes: [] },
];
const index = new SearchIndex(catalog);
const noPlays = () => 0;
const ids = (q: string, playsOf: (id: string) => number = noPlays) => index.search(q, playsOf).map((s) => s.id);

describe('search: Chinese characters as typed', () => {
  it.each([
    ['千金归来', 'the-heiress-returns'],
    ['千金', 'the-heiress-returns'],
    ['霍总', 'flash-marriage-to-the-ceo'], // inside a title, no spaces around it
    ['契约婚姻', 'flash-marriage-to-the-ceo'], // a tag
    ['陆沉', 'witness-in-the-rain'], // cast
    ['红伞', 'witness-in-the-rain'], // inside the synopsis
    ['ＣＥＯ', 'ceo-in-love'], // full-width letters as half-width
  ])('%s finds %s first', (q, id) => {
    expect(ids(q)[0]).toBe(id);
  });

  it('puts a title match before a mention in another series, and needs every word of a spaced query', () => {
    // Two titles ending in it: equal matches go by plays, then by the catalog's order.
    expect(ids('归来')).toEqual(['the-heiress-returns', 'golden-return']);
    expect(ids('归来', (id) => (id === 'golden-return' ? 10 : 0))).toEqual(['golden-return', 'the-heiress-returns']);
    expect(ids('总裁 许念')).toEqual(['flash-marriage-to-the-ceo']);
    expect(ids('总裁 林晚')).toEqual([]);
  });

  it('forgives one wrong character in a word of four or more, not in shorter ones', () => {
    expect(ids('千金回来')).toEqual(['the-heiress-returns']);
    expect(ids('千银回来')).toEqual([]);
    expect(ids('千银')).toEqual([]);
  });
});

describe('search: pinyin', () => {
  it.each([
    ['qianjinguilai', 'the-heiress-returns'], // full pinyin
    ['qian jin gui lai', 'the-heiress-returns'], // with spaces: each syllable a term, all must match
    ['qjgl', 'the-heiress-returns'], // initials
    ['qianjgl', 'the-heiress-returns'], // mixed
    ['qianj', 'the-heiress-returns'], // still typing
    ['huozong', 'flash-marriage-to-the-ceo'], // inside a title
    ['huojingshen', 'flash-marriage-to-the-ceo'], // cast
    ['xianhunhouai', 'flash-marriage-to-the-ceo'], // a tag
    ['yyzr', 'witness-in-the-rain'], // 雨夜证人: yu ye zheng ren
    ['shhhhztt', 'flash-marriage-to-the-ceo'], // 闪婚后，霍总天天: zh/ch/sh are initials too
  ])('%s finds %s first', (q, id) => {
    expect(ids(q)[0]).toBe(id);
  });

  it('reads polyphones in context and surnames as surnames; synopses are matched by characters only', () => {
    expect(ids('zengxiaoxian')).toEqual(['golden-return']); // 曾 as a surname, not ceng
    expect(ids('zhangsun')).toEqual(['ceo-in-love']); // 长孙, the surname
    expect(ids('changan')).toEqual([]); // 长安 appears only in a synopsis
    expect(ids('长安')).toEqual(['ceo-in-love']);
  });

  it('forgives one typo in five letters or more: two letters swapped, one missing, one extra or one wrong', () => {
    for (const q of ['qainjin', 'qianjn', 'qianjinn', 'qianjun']) expect(ids(q)).toContain('the-heiress-returns');
  });

  it('does not match what is merely close in short queries, or unrelated letters', () => {
    expect(ids('qiangui')).toEqual([]); // two syllables off
    expect(ids('xyzxyz')).toEqual([]);
    expect(ids('qj')).toEqual(['the-heiress-returns']);
    expect(ids('lgjq')).toEqual([]); // the initials backwards
    // One letter matches only the start of a field: the title before a tag (契约婚姻).
    expect(ids('q')).toEqual(['the-heiress-returns', 'flash-marriage-to-the-ceo']);
  });
});
