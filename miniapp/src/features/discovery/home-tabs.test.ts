import type { SeriesSummary } from '@drama/shared/catalog';
import { categoriesOf } from './home-tabs';

const s = (id: string, tags: string[]) => ({ id, tags }) as SeriesSummary;

describe('categoriesOf', () => {
  it('puts tags shared by more series first, then each series’ main tags, then the catalog order', () => {
    const series = [s('a', ['逆袭', '打脸', '豪门']), s('b', ['甜宠', '总裁', '豪门']), s('c', ['悬疑', '刑侦'])];
    expect(categoriesOf(series)).toEqual(['豪门', '逆袭', '甜宠', '悬疑', '打脸', '总裁']);
    expect(categoriesOf(series, 2)).toEqual(['豪门', '逆袭']);
    expect(categoriesOf([])).toEqual([]);
  });
});
