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
// The model's named controls: no "out" learned, and latent actions 1, 4 and 7 (a stand-still among them) are no buttons.
const controls = [
  { action: 3, name: 'left' },
  { action: 0, name: 'right' },
  { action: 5, name: 'up' },
  { action: 6, name: 'down' },
  { action: 2, name: 'in' },
];
const created = { statusCode: 201, data: { sceneId, frame: png(0), step: 0, actions: 8, controls } };
const state = (ready: boolean, n = 0) => ok({ sceneId, frame: png(n), step: n, actions: 8, controls, ready });
const stepped = (n: number): Reply => ok({ frame: png(n), step: n, precomputed: true });

// Taro's <Image> on H5 is <taro-image-core src> around an <img>: the host's attribute follows React at once.
const frameSrc = () => document.querySelector('.scene-frame')?.getAttribute('src');
const control = (name: string) => document.querySelector(`.scene-control[data-control="${name}"]`) as HTMLElement;
const stepsOf = (calls: { route: string; data: unknown }[]) => calls.filter((c) => c.route === `POST /scenes/${sceneId}/steps`).map((c) => c.data);

beforeEach(() => {
  localStorage.clear();
  jest.restoreAllMocks();
  mockParams = { seriesId: 's1', episode: '2', atS: '3.4' };
});

it('creates the scene from the drama frame, shows the model\'s controls as a d-pad and presses the tapped one', async () => {
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

  // the d-pad: ↑ ← → ↓ and 推近, as the model named them; no 拉远 (not learned), no numbered actions
  expect([...document.querySelectorAll('.scene-control')].map((el) => el.textContent)).toEqual(['↑', '←', '→', '↓', '推近']);
  expect(screen.queryByText(/动作/)).toBeNull();
  expect(control('out')).toBeNull();

  fireEvent.click(screen.getByRole('button', { name: '向左走' }));
  await screen.findByText('第 1 步');
  expect(frameSrc()).toBe(png(1));
  fireEvent.click(control('in'));
  await screen.findByText('第 2 步');
  expect(frameSrc()).toBe(png(2));
  expect(stepsOf(calls)).toEqual([{ action: 3 }, { action: 2 }]);
});

it('disables the controls while a press is in flight', async () => {
  const press = held();
  const calls = fakeNetwork({ 'POST /scenes': created, [`GET /scenes/${sceneId}`]: state(true), [`POST /scenes/${sceneId}/steps`]: press.reply });
  render(<ScenePlayPage />);
  await screen.findByText('第 0 步');
  expect(control('up').hasAttribute('disabled')).toBe(false);

  fireEvent.click(control('right'));
  await waitFor(() => expect(control('up').hasAttribute('disabled')).toBe(true));
  fireEvent.click(control('up'));
  await act(async () => press.release(stepped(1)));

  await screen.findByText('第 1 步');
  expect(stepsOf(calls)).toEqual([{ action: 0 }]);
  await waitFor(() => expect(control('up').hasAttribute('disabled')).toBe(false));
});

it('turns an arrow off where the view reaches the scene\'s edge, for taps and keys, and on again when it comes back', async () => {
  const reach = { ...created, data: { ...created.data, reach: 1, view: { y: 0, x: 0 } } };
  const at = (n: number, x: number): Reply => ok({ frame: png(n), step: n, precomputed: true, view: { y: 0, x } });
  const calls = fakeNetwork({ 'POST /scenes': reach, [`GET /scenes/${sceneId}`]: state(true), [`POST /scenes/${sceneId}/steps`]: [at(1, -1), at(2, 0)] });
  render(<ScenePlayPage />);
  await screen.findByText('第 0 步');
  expect(screen.queryByText(/已到场景边缘/)).toBeNull();

  fireEvent.click(control('left'));
  await screen.findByText('第 1 步');
  await waitFor(() => expect(control('left').hasAttribute('disabled')).toBe(true)); // one press from the start is the edge
  expect(control('left').getAttribute('aria-label')).toBe('向左走（已到尽头）');
  expect(control('right').hasAttribute('disabled')).toBe(false);
  expect(screen.getByText('已到场景边缘，换个方向看看')).toBeTruthy();
  fireEvent.keyDown(window, { key: 'ArrowLeft' });
  fireEvent.click(control('left'));
  expect(stepsOf(calls)).toEqual([{ action: 3 }]); // neither went out

  fireEvent.click(control('right'));
  await screen.findByText('第 2 步');
  await waitFor(() => expect(control('left').hasAttribute('disabled')).toBe(false));
  expect(stepsOf(calls)).toEqual([{ action: 3 }, { action: 0 }]);
});

it('presses with the arrow keys and + on H5, ignores keys of controls the model lacks, and keeps the last 8 frames', async () => {
  const calls = fakeNetwork({
    'POST /scenes': created,
    [`GET /scenes/${sceneId}`]: state(true),
    [`POST /scenes/${sceneId}/steps`]: Array.from({ length: 10 }, (_, i) => stepped(i + 1)),
  });
  render(<ScenePlayPage />);
  await screen.findByText('第 0 步');

  const keys = ['ArrowLeft', 'ArrowUp', 'ArrowRight', 'ArrowDown', '+', 'ArrowLeft', 'ArrowLeft', 'ArrowUp', 'ArrowDown', 'ArrowRight'];
  for (const [i, key] of keys.entries()) {
    fireEvent.keyDown(window, { key: '-' }); // 拉远: not learned, so no press
    fireEvent.keyDown(window, { key: '5' }); // the old numbered actions are gone
    fireEvent.keyDown(window, { key });
    await screen.findByText(`第 ${i + 1} 步`);
  }

  expect(stepsOf(calls)).toEqual([3, 5, 0, 6, 2, 3, 3, 5, 6, 0].map((a) => ({ action: a })));
  const strip = [...document.querySelectorAll('.scene-strip .scene-strip__frame')].map((el) => el.getAttribute('src'));
  expect(strip).toEqual([3, 4, 5, 6, 7, 8, 9, 10].map(png));
});

it('paints a press at once from the precomputed frames, and keeps the frame the press commits', async () => {
  const press = held();
  const withNext = ok({ sceneId, frame: png(0), step: 0, actions: 8, controls, ready: true, next: controls.map((c) => ({ action: c.action, frame: png(100 + c.action) })) });
  const calls = fakeNetwork({ 'POST /scenes': created, [`GET /scenes/${sceneId}`]: [withNext, state(false, 1)], [`POST /scenes/${sceneId}/steps`]: press.reply });
  render(<ScenePlayPage />);
  await screen.findByText('就绪');

  fireEvent.click(control('up'));
  // the precomputed frame of action 5 is on screen before the press is answered
  await screen.findByText('第 1 步');
  expect(frameSrc()).toBe(png(105));
  expect(control('up').hasAttribute('disabled')).toBe(true);
  await act(async () => press.release(stepped(1)));
  await waitFor(() => expect(control('up').hasAttribute('disabled')).toBe(false));
  expect(frameSrc()).toBe(png(1)); // the answer's frame (the same picture as the precomputed one in the app)
  expect(stepsOf(calls)).toEqual([{ action: 5 }]);
  expect([...document.querySelectorAll('.scene-strip .scene-strip__frame')].map((el) => el.getAttribute('src'))).toEqual([png(0), png(1)]);
});

it('puts the frame back when a press painted ahead fails', async () => {
  const withNext = ok({ sceneId, frame: png(0), step: 0, actions: 8, controls, ready: true, next: controls.map((c) => ({ action: c.action, frame: png(100 + c.action) })) });
  fakeNetwork({ 'POST /scenes': created, [`GET /scenes/${sceneId}`]: withNext, [`POST /scenes/${sceneId}/steps`]: 'network-error' });
  render(<ScenePlayPage />);
  await screen.findByText('就绪');

  fireEvent.click(control('left'));
  expect(await screen.findByRole('alert')).toBeTruthy();
  expect(frameSrc()).toBe(png(0));
  expect(screen.getByText('第 0 步')).toBeTruthy();
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
