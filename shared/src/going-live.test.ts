import { budgetTierOf, reviewAllows } from './going-live';

describe('going live', () => {
  it('puts a budget in its review tier: under ¥300k the platform, to ¥1M the province, from ¥1M the nation', () => {
    expect(budgetTierOf(29_999_999)).toBe('platform');
    expect(budgetTierOf(30_000_000)).toBe('provincial');
    expect(budgetTierOf(99_999_999)).toBe('provincial');
    expect(budgetTierOf(100_000_000)).toBe('national');
  });

  it('shows a series inside a platform only once that platform approved it, elsewhere once any did', () => {
    const review = { douyin: { state: 'online' as const }, wechat: { state: 'rejected' as const } };
    expect(reviewAllows(review, 'douyin', 'approved')).toBe(true);
    expect(reviewAllows(review, 'wechat', 'approved')).toBe(false);
    expect(reviewAllows(review, 'other', 'approved')).toBe(true);
    expect(reviewAllows({ douyin: { state: 'in_review' }, wechat: { state: 'uploading' } }, 'other', 'approved')).toBe(false);
    expect(reviewAllows({ douyin: { state: 'draft' }, wechat: { state: 'draft' } }, 'wechat', 'published')).toBe(true);
  });
});
