import { act, renderHook } from '@testing-library/react';
import type { AdminSeries } from '@drama/shared/admin';
import { useEpisodeDraft } from './use-episode-draft';

const series = {
  episodes: [
    { index: 1, title: '第1集', durationS: 60, mediaKey: 'media/s/ep-001.mp4' },
    { index: 2, title: '第2集 真相', durationS: 61, mediaKey: 'media/s/ep-002.mp4', priceCoins: 40, releaseAt: '2026-12-24T12:00:00.000Z' },
  ],
} as unknown as AdminSeries;
const video = new File(['mp4'], 'ep.mp4', { type: 'video/mp4' });

describe('useEpisodeDraft', () => {
  it('adds the next episode until one is picked to edit, then fills the form from it', () => {
    const { result } = renderHook(() => useEpisodeDraft(series));
    expect(result.current.nextIndex).toBe(3);
    expect(result.current.current).toBeUndefined();

    act(() => result.current.edit(2));
    expect(result.current.nextIndex).toBe(2);
    expect(result.current.current?.mediaKey).toBe('media/s/ep-002.mp4');
    expect(result.current.draft).toMatchObject({ editing: 2, title: '第2集 真相', price: '40', file: null, fileInputKey: 1 });
    // The release time in the browser's zone, as a datetime-local input shows it.
    expect(new Date(result.current.draft.releaseAt).toISOString()).toBe('2026-12-24T12:00:00.000Z');
  });

  it('cancels an edit back to the next episode, keeping a file already chosen', () => {
    const { result } = renderHook(() => useEpisodeDraft(series));
    act(() => result.current.edit(1));
    act(() => result.current.chooseFile(video));
    act(() => result.current.change('price', '55'));
    act(() => result.current.cancel());
    expect(result.current.nextIndex).toBe(3);
    expect(result.current.draft).toMatchObject({ editing: null, title: '', releaseAt: '', price: '', file: video, fileInputKey: 1 });
  });

  it('starts blank after a save, with the file input cleared', () => {
    const { result } = renderHook(() => useEpisodeDraft(series));
    act(() => result.current.change('title', '新的一集'));
    act(() => result.current.chooseFile(video));
    act(() => result.current.saved());
    expect(result.current.draft).toEqual({ editing: null, title: '', file: null, releaseAt: '', price: '', fileInputKey: 1 });
  });
});
