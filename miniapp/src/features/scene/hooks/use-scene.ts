import { useCallback, useEffect, useRef, useState } from 'react';
import { canPress, viewAfter, type SceneControl, type SceneViewPlace } from '@drama/shared/scenes';
import { errorText } from '@/lib/error-text';
import { useLatest } from '@/lib/use-latest';
import { ApiError } from '@/lib/api-client';
import { createScene, type SceneSource } from '../api/create-scene';
import { getScene } from '../api/get-scene';
import { stepScene } from '../api/step-scene';

/** How many recent frames the strip keeps. */
export const stripLength = 8;
/** How often to ask whether the next frames are precomputed. */
const pollMs = 300;

export type SceneView =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | {
      status: 'playing';
      sceneId: string;
      frame: string;
      step: number;
      ready: boolean;
      strip: string[];
      pressing: boolean;
      notice: string | null;
      /** the model's named controls: the d-pad */
      controls: SceneControl[];
      /** how far the view may go from the start (null: no bound) and where it is: an arrow past the edge is off */
      reach: number | null;
      place: SceneViewPlace;
      /** the precomputed next frame of each control's action, once ready: a press paints it at once */
      next: Record<number, string>;
    };

type Playing = Extract<SceneView, { status: 'playing' }>;

/** Whether the scene's view lets `action` be pressed: an arrow that would take it past its reach is off. */
export function canPressIn(scene: Pick<Playing, 'controls' | 'reach' | 'place'>, action: number): boolean {
  return scene.reach === null || canPress(scene.place, scene.controls.find((c) => c.action === action)?.name, scene.reach);
}

/**
 * One scene from `source`: created on mount and on `restart()`; `press(action)` steps it (one press
 * at a time), and after each frame it polls GET /scenes/{id} until the next frames are ready. A press
 * whose frame is ready is painted at once and committed by POST …/steps, which takes the same
 * precomputed frame; if the answer says otherwise (another device pressed first), its frame wins.
 */
export function useScene(source: SceneSource | null) {
  const [view, setView] = useState<SceneView>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  // Bumped by every new scene and every unmount: a poll or answer of an older one is dropped.
  const run = useRef(0);
  const pressing = useRef(false);
  const key = source ? JSON.stringify(source) : '';
  // `source` is rebuilt by each render; `key` says when it means something new.
  const latestSource = useLatest(source);

  const poll = useCallback((id: number, sceneId: string, step: number) => {
    const tick = async () => {
      if (id !== run.current) return;
      try {
        const state = await getScene(sceneId);
        if (id !== run.current) return;
        if (state.ready && state.step === step) {
          const next = Object.fromEntries((state.next ?? []).map((n) => [n.action, n.frame]));
          return setView((v) => (v.status === 'playing' && v.step === step ? { ...v, ready: true, next } : v));
        }
      } catch {
        // Readiness is only a hint: presses still work, so a failed poll just tries again later.
      }
      setTimeout(tick, pollMs);
    };
    setTimeout(tick, pollMs);
  }, []);

  useEffect(() => {
    const source = latestSource.current;
    if (!source) return undefined;
    const id = ++run.current;
    pressing.current = false;
    setView({ status: 'loading' });
    createScene(source).then(
      (s) => {
        if (id !== run.current) return;
        setView({
          status: 'playing',
          sceneId: s.sceneId,
          frame: s.frame,
          step: s.step,
          ready: false,
          strip: [s.frame],
          pressing: false,
          notice: null,
          controls: s.controls,
          reach: s.reach ?? null,
          place: s.view ?? { y: 0, x: 0 },
          next: {},
        });
        poll(id, s.sceneId, s.step);
      },
      (error: unknown) => id === run.current && setView({ status: 'error', error }),
    );
    return () => {
      // A counter, not a DOM node: bumping it on cleanup is what drops the old scene's answers.
      // eslint-disable-next-line react-hooks/exhaustive-deps
      run.current++;
    };
  }, [key, attempt, poll, latestSource]);

  const press = useCallback(
    async (action: number) => {
      if (view.status !== 'playing' || pressing.current || !canPressIn(view, action)) return;
      const id = run.current;
      const before: Playing = view;
      const place = viewAfter(before.place, before.controls.find((c) => c.action === action)?.name);
      pressing.current = true;
      const painted = before.next[action];
      // The precomputed frame is painted now; the answer below confirms it.
      setView((v) =>
        v.status !== 'playing'
          ? v
          : painted
            ? { ...v, frame: painted, step: v.step + 1, place, ready: false, next: {}, pressing: true, notice: null, strip: [...v.strip, painted].slice(-stripLength) }
            : { ...v, pressing: true, notice: null },
      );
      try {
        const answer = await stepScene(before.sceneId, action);
        if (id !== run.current) return;
        setView((v) =>
          v.status === 'playing'
            ? {
                ...v,
                frame: answer.frame,
                step: answer.step,
                place: answer.view ?? place,
                ready: false,
                next: {},
                pressing: false,
                strip: (painted ? [...before.strip, answer.frame] : [...v.strip, answer.frame]).slice(-stripLength),
              }
            : v,
        );
        poll(id, before.sceneId, answer.step);
      } catch (error) {
        if (id !== run.current) return;
        if (error instanceof ApiError && error.status === 409) {
          // Another press won the race: show the frame it made.
          const now = await getScene(before.sceneId).catch(() => null);
          if (id !== run.current) return;
          setView((v) =>
            v.status === 'playing' && now
              ? {
                  ...v,
                  frame: now.frame,
                  step: now.step,
                  place: now.view ?? before.place,
                  ready: false,
                  next: {},
                  pressing: false,
                  strip: [...before.strip, now.frame].slice(-stripLength),
                }
              : v.status === 'playing' ? { ...before, pressing: false } : v,
          );
          if (now) poll(id, before.sceneId, now.step);
          return;
        }
        // The press did not happen: back to the frame it was pressed on.
        setView((v) => (v.status === 'playing' ? { ...before, pressing: false, notice: errorText(error) } : v));
      } finally {
        if (id === run.current) pressing.current = false;
      }
    },
    [view, poll],
  );

  const restart = useCallback(() => setAttempt((n) => n + 1), []);
  return { view, press, restart };
}
