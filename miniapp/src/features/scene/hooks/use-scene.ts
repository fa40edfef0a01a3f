import { useCallback, useEffect, useRef, useState } from 'react';
import { errorText } from '@/lib/error-text';
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
  | { status: 'playing'; sceneId: string; frame: string; step: number; ready: boolean; strip: string[]; pressing: boolean; notice: string | null };

/**
 * One scene from `source`: created on mount and on `restart()`; `press(action)` steps it (one press
 * at a time), and after each frame it polls GET /scenes/{id} until the next frames are ready.
 */
export function useScene(source: SceneSource | null) {
  const [view, setView] = useState<SceneView>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  // Bumped by every new scene and every unmount: a poll or answer of an older one is dropped.
  const run = useRef(0);
  const pressing = useRef(false);
  const key = source ? JSON.stringify(source) : '';

  const poll = useCallback((id: number, sceneId: string) => {
    const tick = async () => {
      if (id !== run.current) return;
      try {
        const state = await getScene(sceneId);
        if (id !== run.current) return;
        if (state.ready) return setView((v) => (v.status === 'playing' ? { ...v, ready: true } : v));
      } catch {
        // Readiness is only a hint: presses still work, so a failed poll just tries again later.
      }
      setTimeout(tick, pollMs);
    };
    setTimeout(tick, pollMs);
  }, []);

  useEffect(() => {
    if (!source) return undefined;
    const id = ++run.current;
    pressing.current = false;
    setView({ status: 'loading' });
    createScene(source).then(
      (s) => {
        if (id !== run.current) return;
        setView({ status: 'playing', sceneId: s.sceneId, frame: s.frame, step: s.step, ready: false, strip: [s.frame], pressing: false, notice: null });
        poll(id, s.sceneId);
      },
      (error: unknown) => id === run.current && setView({ status: 'error', error }),
    );
    return () => {
      run.current++;
    };
    // `source` is rebuilt by each render; `key` says when it means something new.
  }, [key, attempt, poll]);

  const press = useCallback(
    async (action: number) => {
      if (view.status !== 'playing' || pressing.current) return;
      const id = run.current;
      pressing.current = true;
      setView((v) => (v.status === 'playing' ? { ...v, pressing: true, notice: null } : v));
      try {
        const next = await stepScene(view.sceneId, action);
        if (id !== run.current) return;
        setView((v) =>
          v.status === 'playing'
            ? { ...v, frame: next.frame, step: next.step, ready: false, pressing: false, strip: [...v.strip, next.frame].slice(-stripLength) }
            : v,
        );
        poll(id, view.sceneId);
      } catch (error) {
        if (id !== run.current) return;
        if (error instanceof ApiError && error.status === 409) {
          // Another press won the race: show the frame it made.
          const now = await getScene(view.sceneId).catch(() => null);
          if (id !== run.current) return;
          setView((v) =>
            v.status === 'playing' && now
              ? { ...v, frame: now.frame, step: now.step, ready: now.ready, pressing: false, strip: [...v.strip, now.frame].slice(-stripLength) }
              : v.status === 'playing' ? { ...v, pressing: false } : v,
          );
          if (now && !now.ready) poll(id, view.sceneId);
          return;
        }
        setView((v) => (v.status === 'playing' ? { ...v, pressing: false, notice: errorText(error) } : v));
      } finally {
        if (id === run.current) pressing.current = false;
      }
    },
    [view, poll],
  );

  const restart = useCallback(() => setAttempt((n) => n + 1), []);
  return { view, press, restart };
}
