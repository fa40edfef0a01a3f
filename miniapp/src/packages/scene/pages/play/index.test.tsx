import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { fakeNetwork, held, ok, type Reply } from '../../../../../test/fake-network';
import ScenePlayPage from './index';

let mockParams: Record<string, string> = {};
jest.mock('@tarojs/taro', () => {
  const actual = jest.requireActual('@tarojs/taro');
  return { ...actual, useRouter: () => ({ params: mockParams, path: '' }) };
});

const png = (n: number) => `data:image/png;base64,FRAME${n}`;
const sceneId = 'sc_0123456789abcdef01234567';
const created = { statusCode: 201, data: { sceneId, frame: png(0), step: 0, actions: 8 } };
const state = (ready: boolean, n = 0) => ok({ sceneId, frame: png(n), step: n, actions: 8, ready });
const stepped = (n: number): Reply => ok({ frame: png(n), step: n, precomputed: true });

// Taro's <Image> on H5 is <taro-image-core src> around an <img>: the host's attribute follows React at once.
const frameSrc = () => document.querySelector('.scene-frame')?.getAttribute('src');
const action = (n: number) => document.querySelector(`.scene-action[data-action="${n}"]`) as HTMLElement;
const stepsOf = (calls: { route: string; data: unknown }[]) => calls.filter((c) => c.route === `POST /scenes/${sceneId}/steps`).map((c) => c.data);

beforeEach(() => {
  localStorage.clear();
  jest.restoreAllMocks();
  mockParams = { seriesId: 's1', episode: '2', atS: '3.4' };
});

it('creates the scene from the drama frame, presses the tapped action and shows its frame', async () => {
  const calls = fakeNetwork({
    'POST /scenes': created,
    [`GET /scenes/${sceneId}`]: state(true),
    [`POST /scenes/${sceneId}/steps`]: [stepped(1), stepped(2)],
  });
  render(<ScenePlayPage />);

  await screen.findByText('第 0 步');
  expect(calls.find((c) => c.route === 'POST /scenes')?.data).toEqual({ source: { kind: 'frame', seriesId: 's1', episode: 2, atS: 3.4 } });
  expect(frameSrc()).toBe(png(0));
  expect(await screen.findByText('就绪')).toBeTruthy();

  fireEvent.click(screen.getByText('动作 3'));
  await screen.findByText('第 1 步');
  expect(frameSrc()).toBe(png(1));
  fireEvent.click(action(6));
  await screen.findByText('第 2 步');
  expect(frameSrc()).toBe(png(2));
  expect(stepsOf(calls)).toEqual([{ action: 2 }, { action: 6 }]);
});

it('disables the actions while a press is in flight', async () => {
  const press = held();
  const calls = fakeNetwork({ 'POST /scenes': created, [`GET /scenes/${sceneId}`]: state(true), [`POST /scenes/${sceneId}/steps`]: press.reply });
  render(<ScenePlayPage />);
  await screen.findByText('第 0 步');
  expect(action(1).hasAttribute('disabled')).toBe(false);

  fireEvent.click(action(0));
  await waitFor(() => expect(action(1).hasAttribute('disabled')).toBe(true));
  fireEvent.click(action(1));
  await act(async () => press.release(stepped(1)));

  await screen.findByText('第 1 步');
  expect(stepsOf(calls)).toEqual([{ action: 0 }]);
  await waitFor(() => expect(action(1).hasAttribute('disabled')).toBe(false));
});

it('presses with keys 1–8 on H5 and keeps the last 8 frames in the strip', async () => {
  const calls = fakeNetwork({
    'POST /scenes': created,
    [`GET /scenes/${sceneId}`]: state(true),
    [`POST /scenes/${sceneId}/steps`]: Array.from({ length: 10 }, (_, i) => stepped(i + 1)),
  });
  render(<ScenePlayPage />);
  await screen.findByText('第 0 步');

  for (let i = 1; i <= 10; i++) {
    fireEvent.keyDown(window, { key: String(((i - 1) % 8) + 1) });
    await screen.findByText(`第 ${i} 步`);
  }

  expect(stepsOf(calls)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 0, 1].map((a) => ({ action: a })));
  const strip = [...document.querySelectorAll('.scene-strip .scene-strip__frame')].map((el) => el.getAttribute('src'));
  expect(strip).toEqual([3, 4, 5, 6, 7, 8, 9, 10].map(png));
});

it('shows 生成中… until the next frames are ready', async () => {
  fakeNetwork({ 'POST /scenes': created, [`GET /scenes/${sceneId}`]: [state(false), state(true)] });
  render(<ScenePlayPage />);

  expect(await screen.findByText('生成中…')).toBeTruthy();
  expect(await screen.findByText('就绪', {}, { timeout: 3000 })).toBeTruthy();
});

it('says a locked episode must be unlocked first', async () => {
  fakeNetwork({ 'POST /scenes': { statusCode: 402, data: { code: 'ENTITLEMENT_REQUIRED', message: 'locked' } } });
  render(<ScenePlayPage />);

  expect(await screen.findByText('第 2 集需解锁后才能玩这个场景')).toBeTruthy();
  expect(screen.getByRole('button', { name: '去解锁' })).toBeTruthy();
});

it('offers 重试 when the engine is busy, and creates the scene again', async () => {
  const busy = { statusCode: 429, data: { code: 'RATE_LIMITED', message: 'busy' } };
  const calls = fakeNetwork({ 'POST /scenes': [busy, created], [`GET /scenes/${sceneId}`]: state(true) });
  render(<ScenePlayPage />);

  expect(await screen.findByText('生成引擎繁忙，请稍后重试')).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: '重试' }));
  await screen.findByText('第 0 步');
  expect(calls.filter((c) => c.route === 'POST /scenes')).toHaveLength(2);
});

it('without a source, offers 从相册选择', () => {
  mockParams = {};
  render(<ScenePlayPage />);
  expect(screen.getByRole('button', { name: '从相册选择' })).toBeTruthy();
});
