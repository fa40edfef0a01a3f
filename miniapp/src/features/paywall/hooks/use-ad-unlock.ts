import { useEffect, useRef, useState } from 'react';
import type { AdTicket } from '@drama/shared/ads';
import { ApiError, currentSession } from '@/lib/api-client';
import { completeAdUnlock, createAdUnlock } from '../api/ad-unlock';
import { AdError, showRewardedVideo } from '../rewarded-video';

/**
 * Unlocking one episode by watching a rewarded ad, as a small state machine:
 *
 *   idle → preparing (POST /ads/unlocks) → watching → verifying (POST …/complete until unlocked) → unlocked
 *              ↘ capped (429)               ↘ closed (not watched through)   ↘ failed
 *
 * The viewer starts it with a tap after the reward was explained; each run is one ticket and one ad.
 */
export type AdUnlockState =
  | { step: 'idle' }
  | { step: 'preparing' }
  /** `sandboxAd`: on H5 the sandbox's ad is up (tt/weapp draw their own). */
  | { step: 'watching'; sandboxAd: boolean }
  | { step: 'verifying' }
  | { step: 'unlocked' }
  | { step: 'closed' }
  | { step: 'capped' }
  | { step: 'failed'; message: string };

export interface AdTiming {
  pollIntervalMs: number;
  /** How long to wait for the ad network's callback to reach the API. */
  pollTimeoutMs: number;
}
const defaultTiming: AdTiming = { pollIntervalMs: 1000, pollTimeoutMs: 30_000 };
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function useAdUnlock(seriesId: string, episode: number, opts: { onUnlocked?: () => void; timing?: Partial<AdTiming> } = {}) {
  const [state, setState] = useState<AdUnlockState>({ step: 'idle' });
  const runId = useRef(0);
  const sandboxAnswer = useRef<((ended: boolean) => void) | null>(null);
  const latest = useRef(opts);
  latest.current = opts;
  useEffect(() => {
    runId.current++;
    setState({ step: 'idle' });
  }, [seriesId, episode]);
  useEffect(() => () => void runId.current++, []);

  const start = async () => {
    const id = ++runId.current;
    const alive = () => id === runId.current;
    const set = (s: AdUnlockState) => alive() && setState(s);
    const timing = { ...defaultTiming, ...latest.current.timing };
    set({ step: 'preparing' });
    try {
      const [ticket, session] = await Promise.all([createAdUnlock({ seriesId, episode }), currentSession()]);
      if (!alive()) return;
      const sandboxAd = () => new Promise<boolean>((resolve) => (sandboxAnswer.current = resolve));
      set({ step: 'watching', sandboxAd: process.env.TARO_ENV === 'h5' });
      const outcome = await showRewardedVideo(ticket, session.userId, sandboxAd);
      if (outcome === 'closed') return set({ step: 'closed' });
      set({ step: 'verifying' });
      if (await confirm(ticket, timing, alive)) {
        set({ step: 'unlocked' });
        if (alive()) latest.current.onUnlocked?.();
      } else set({ step: 'failed', message: '奖励确认超时，请稍后在剧集中查看是否已解锁' });
    } catch (err) {
      if (err instanceof ApiError && err.status === 429) return set({ step: 'capped' });
      // AdError's message and ApiError's (the code's text: lib/error-text.ts) are written for the viewer.
      set({ step: 'failed', message: err instanceof AdError || err instanceof ApiError ? err.message : '广告解锁失败，请稍后重试' });
    }
  };

  const answerSandboxAd = (ended: boolean) => {
    const answer = sandboxAnswer.current;
    sandboxAnswer.current = null;
    answer?.(ended);
  };

  return { state, start, answerSandboxAd, reset: () => (runId.current++, setState({ step: 'idle' })) };
}

/**
 * Reports the ad ended until the API says the episode is unlocked. A WeChat ticket (client proof)
 * is accepted only after the ad's minimum length, so the report waits for `completeAfter` first.
 */
async function confirm(ticket: AdTicket, timing: AdTiming, alive: () => boolean): Promise<boolean> {
  if (ticket.proof === 'client') await pause(Math.max(0, Date.parse(ticket.completeAfter) - Date.now()));
  const deadline = Date.now() + timing.pollTimeoutMs;
  while (alive() && Date.now() < deadline) {
    if ((await completeAdUnlock(ticket.ticketId)).status === 'unlocked') return true;
    await pause(timing.pollIntervalMs);
  }
  return false;
}
