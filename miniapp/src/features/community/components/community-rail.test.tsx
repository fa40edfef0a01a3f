import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { fakeNetwork, ok } from '../../../../test/fake-network';
import { setDanmakuSettings } from '../danmaku-settings';
import { useEpisodeCommunity } from '../hooks/use-episode-community';
import { CommunityRail } from './community-rail';
import { DanmakuLayer } from './danmaku-layer';

const script = '<img src=x onerror="window.__pwned=1">好看';
let community: ReturnType<typeof useEpisodeCommunity>;

/** The player's community parts on their own, as the page mounts them. */
function Player() {
  community = useEpisodeCommunity('s1', 1);
  return (
    <>
      <DanmakuLayer community={community} />
      <CommunityRail community={community} />
    </>
  );
}

beforeEach(() => {
  localStorage.clear();
  jest.restoreAllMocks();
  setDanmakuSettings({ on: true, density: 'normal' });
});

describe('the player’s ♥, comments and 弹幕', () => {
  it('shows what viewers wrote as text, in the list and flying over the video, never as markup', async () => {
    fakeNetwork({
      'GET /series/s1/episodes/1/comments': ok({ items: [{ commentId: 'c_000000000001', userId: 'u2', text: script, atS: 1, createdAt: '2026-03-10T12:00:00Z' }] }),
      'GET /series/s1/episodes/1/like': ok({ liked: false, likes: 12_345 }),
    });
    const { container } = render(<Player />);
    await screen.findByText('1.2万');

    // Playback passes 0:01: the timed comment starts flying.
    act(() => community.onTime(0.5));
    await waitFor(() => expect(community.comments).toHaveLength(1));
    act(() => community.onTime(1.2));
    const flying = await waitFor(() => {
      const item = container.querySelector('.danmaku__item');
      expect(item).toBeTruthy();
      return item!;
    });
    expect(flying.textContent).toBe(script);

    fireEvent.click(screen.getByRole('button', { name: '评论' }));
    expect(await screen.findByRole('dialog', { name: '评论' })).toBeTruthy();
    expect([...container.querySelectorAll('.comment-sheet__text')].map((e) => e.textContent)).toEqual([script]);
    expect(container.querySelector('img[src="x"]')).toBeNull();
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('counts a ♥ at once and keeps the server’s count; 弹幕 switched off flies nothing', async () => {
    const calls = fakeNetwork({
      'GET /series/s1/episodes/1/comments': ok({ items: [{ commentId: 'c_000000000001', userId: 'u2', text: '前方高能', atS: 1, createdAt: '2026-03-10T12:00:00Z' }] }),
      'GET /series/s1/episodes/1/like': ok({ liked: false, likes: 3 }),
      'PUT /series/s1/episodes/1/like': ok({ liked: true, likes: 5 }),
    });
    const { container } = render(<Player />);
    await screen.findByText('3');
    fireEvent.click(screen.getByRole('button', { name: '点赞' }));
    expect(await screen.findByText('5')).toBeTruthy();
    expect(screen.getByRole('button', { name: '点赞' }).getAttribute('aria-pressed')).toBe('true');
    expect(calls.filter((c) => c.route === 'PUT /series/s1/episodes/1/like')).toHaveLength(1);

    fireEvent.click(screen.getByRole('button', { name: '关闭弹幕' }));
    await waitFor(() => expect(community.comments).toHaveLength(1));
    act(() => community.onTime(0.5));
    act(() => community.onTime(1.5));
    expect(container.querySelector('.danmaku')).toBeNull();
    expect(screen.getByRole('button', { name: '打开弹幕' })).toBeTruthy();
  });
});
