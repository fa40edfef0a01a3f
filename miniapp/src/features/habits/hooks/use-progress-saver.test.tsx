import { act, renderHook, waitFor } from '@testing-library/react';
import { fakeNetwork, ok } from '../../../../test/fake-network';
import { forgetProgress, resumePosition } from '../resume-point';
import { useProgressSaver } from './use-progress-saver';

const saves = (calls: ReturnType<typeof fakeNetwork>) => calls.filter((c) => c.route === 'PUT /progress').map((c) => c.data);

beforeEach(() => {
  localStorage.clear();
  forgetProgress();
  jest.restoreAllMocks();
});

describe('useProgressSaver', () => {
  it('saves at most once an interval while playing, and where it was left on leaving', async () => {
    const calls = fakeNetwork({ 'PUT /progress': ok({ saved: true }) });
    let now = 1_000_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    const { result, unmount } = renderHook(() => useProgressSaver('s1', 3, 10_000));

    for (const t of [1, 4, 9]) {
      now += 3_000;
      act(() => result.current.onTime(t, 60));
    }
    expect(saves(calls)).toEqual([]);
    now += 2_000;
    act(() => result.current.onTime(11.04, 60));
    now += 1_000;
    act(() => result.current.onTime(12, 60));
    unmount();

    await waitFor(() => expect(saves(calls)).toEqual([{ seriesId: 's1', episode: 3, positionS: 11 }, { seriesId: 's1', episode: 3, positionS: 12 }]));
  });

  it('at the end resumes at the start of the next episode, and remembers it for the player', async () => {
    const calls = fakeNetwork({ 'PUT /progress': ok({ saved: true }) });
    const { result } = renderHook(() => useProgressSaver('s1', 3));

    act(() => result.current.onTime(59, 60));
    act(() => result.current.finish(4));

    // …and says episode 3 played to its end (a completed play for the rankings).
    await waitFor(() => expect(saves(calls)).toEqual([{ seriesId: 's1', episode: 4, positionS: 0, endedEpisode: 3 }]));
    expect(await resumePosition('s1', 3)).toBe(0);
    expect(await resumePosition('s1', 4)).toBe(0);
  });

  it('never keeps a resume point in the last seconds of an episode', async () => {
    const calls = fakeNetwork({ 'PUT /progress': ok({ saved: true }) });
    const { result } = renderHook(() => useProgressSaver('s1', 2));

    act(() => result.current.onTime(58.5, 60));
    act(() => result.current.flush());

    await waitFor(() => expect(saves(calls)).toEqual([{ seriesId: 's1', episode: 2, positionS: 0 }]));
  });
});
