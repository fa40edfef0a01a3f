import { attributionLaunchInputSchema, launchOf } from './attribution';

describe('launchOf', () => {
  it('reads click, campaign and channel under the names the ad platforms use', () => {
    expect(launchOf({ clickid: 'abc', campaign: 'spring', channel: 'douyin', seriesId: 's1' })).toEqual({
      clickid: 'abc',
      campaign: 'spring',
      channel: 'douyin',
      query: { clickid: 'abc', campaign: 'spring', channel: 'douyin', seriesId: 's1' },
    });
    expect(launchOf({ callback: 'cb', promotion_id: '42', utm_source: 'ocean' })).toMatchObject({ clickid: 'cb', campaign: '42', channel: 'ocean' });
  });

  it('marks a reminder tap by its kind, and never calls a reminder a channel', () => {
    const launch = launchOf({ seriesId: 's1', from: 'reminder', rk: 'new_drama' });
    expect(launch).toEqual({ reminder: 'new_drama', query: { seriesId: 's1', from: 'reminder', rk: 'new_drama' } });
    expect(launchOf({ rk: 'spam' }).reminder).toBeUndefined();
  });

  it('always yields what the API accepts', () => {
    for (const query of [{}, { clickid: 'x'.repeat(999) }, { campaign: ' ' }, { rk: 'checkin', clickid: 'a.b_c-1' }, { clickid: 'not a click id' }, { campaign: 'c'.repeat(300), channel: 'x'.repeat(99) }]) {
      expect(attributionLaunchInputSchema.safeParse(launchOf(query)).success).toBe(true);
    }
  });
});
