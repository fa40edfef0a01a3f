import { pinyin } from 'pinyin-pro';
import { seedSeries } from '../../functions/local/seed/catalog';
import type { Series } from '../../functions/src/domain/catalog/catalog';

/**
 * A 1,000-series catalog for `npm run bench:search`, made the same way every run (a seeded
 * generator): short-drama titles from the genre's stock words, two or three leads with common
 * surnames, three to five tags, a synopsis of about 120 characters; the three demo series among
 * them. And the queries viewers type: words from titles, cast and synopses, full pinyin, initials,
 * mixed, a typo, and misses.
 */
function generator(seed: number) {
  let s = seed >>> 0;
  const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  return { next, pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)], int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)) };
}

const titleWords = ['千金', '归来', '总裁', '闪婚', '契约', '娇妻', '战神', '龙王', '赘婿', '神医', '重生', '逆袭', '复仇', '豪门', '萌宝', '天降', '王妃', '将军', '皇后', '女帝', '真相', '雨夜', '证人', '暗影', '迷局', '追凶', '密室', '白月光', '替身', '前妻', '甜心', '宠爱', '霸道', '傲娇', '首富', '回国', '离婚', '相亲', '虐恋', '隐婚'];
const joiners = ['', '', '的', '之', '后，', '：'];
const surnames = ['林', '顾', '苏', '陆', '沈', '霍', '许', '周', '白', '叶', '秦', '江', '曾', '单', '乐', '柏', '长孙', '欧阳', '司徒', '上官'];
const given = ['晚', '念', '雨', '沉', '承泽', '景深', '薇薇', '振华', '曼', '砚', '清', '默', '知意', '星河', '一诺', '子墨', '若溪', '北辰', '南乔', '安然'];
const tags = ['逆袭', '打脸', '真假千金', '豪门', '甜宠', '总裁', '契约婚姻', '先婚后爱', '悬疑', '刑侦', '反转', '雨夜', '古装', '穿越', '重生', '复仇', '虐恋', '萌宝', '战神', '神医', '年代', '都市', '校园', '职场', '家庭', '喜剧', '奇幻', '末世', '宫斗', '权谋'];
const phrases = ['订婚宴上', '她被当众退婚', '没人知道她的真实身份', '一纸契约背后', '藏着十五年的秘密', '暴雨夜里', '对面的屋子空了三年', '他回到了十年前', '这一次她要拿回一切', '首富失散多年的女儿', '冷面总裁天天吃醋', '一把红伞', '一只停摆的钟', '真相被刻意掩埋', '她在民政局门口签下婚约', '家族的恩怨', '命运的齿轮开始转动', '所有人都等着看她的笑话'];

export function benchCatalog(size = 1000): Series[] {
  const g = generator(26);
  const series: Series[] = seedSeries.map((s, order) => ({ id: s.id, title: s.title, genre: s.genre, synopsis: s.synopsis, tags: s.tags, cast: s.cast, coverKey: `covers/${s.id}.jpg`, freeEpisodes: s.freeEpisodes, episodePriceCoins: s.episodePriceCoins, seriesPriceFen: s.seriesPriceFen, previewS: 0, adDailyCap: 0, order, published: true, episodes: [] }));
  for (let i = series.length; i < size; i++) {
    const title = `${g.pick(titleWords)}${g.pick(joiners)}${g.pick(titleWords)}${g.next() < 0.3 ? g.pick(titleWords) : ''}`.replace(/[，：]$/, '');
    const cast = Array.from({ length: g.int(2, 3) }, () => `${g.pick(surnames)}${g.pick(given)}`);
    const synopsis = Array.from({ length: g.int(6, 9) }, () => g.pick(phrases)).join('，') + '。';
    const picked = new Set(Array.from({ length: g.int(3, 5) }, () => g.pick(tags)));
    series.push({ id: `bench-${String(i).padStart(4, '0')}`, title, genre: g.pick(['逆袭', '甜宠', '悬疑'] as const), synopsis, tags: [...picked], cast, coverKey: 'covers/none.jpg', freeEpisodes: 2, episodePriceCoins: 30, seriesPriceFen: 990, previewS: 0, adDailyCap: 0, order: i, published: true, episodes: [] });
  }
  return series;
}

const syllables = (text: string) => pinyin(text, { toneType: 'none', type: 'array', nonZh: 'removed', v: true }) as string[];

/** What viewers type, drawn from the catalog: each kind of query several times over. */
export function benchQueries(catalog: readonly Series[], count = 200): Array<{ kind: string; q: string }> {
  const g = generator(7);
  const kinds: Array<[string, () => string]> = [
    ['characters (title word)', () => [...g.pick(catalog).title.replace(/[，：]/g, '')].slice(0, 2).join('')],
    ['characters (cast)', () => g.pick(catalog).cast![0]],
    ['characters (synopsis)', () => g.pick(phrases).slice(2, 5)],
    ['full pinyin', () => syllables(g.pick(catalog).title).slice(0, 2).join('')],
    ['initials', () => syllables(g.pick(catalog).title).map((p) => p[0]).join('').slice(0, 4)],
    ['mixed (qianjgl)', () => syllables(g.pick(catalog).title).map((p, i) => (i === 0 ? p : p[0])).join('')],
    ['typing (prefix)', () => syllables(g.pick(catalog).title).join('').slice(0, 5)],
    ['typo (swapped letters)', () => {
      const p = syllables(g.pick(catalog).title).join('');
      return p.length > 6 ? p.slice(0, 2) + p[3] + p[2] + p.slice(4) : p;
    }],
    ['miss', () => g.pick(['zzqxv', '不存在的剧名', 'xyzzy', '量子力学'])],
  ];
  return Array.from({ length: count }, (_, i) => {
    const [kind, make] = kinds[i % kinds.length];
    return { kind, q: make() };
  });
}
