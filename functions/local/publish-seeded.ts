import { operatorLoginOutputSchema } from '@drama/shared/admin';
import { playableOn, type ReviewState } from '@drama/shared/going-live';
import { requestOnce as send } from './request-once';

/**
 * The demo dramas go live as an operator's would: published through the operator API (the
 * compliance check, then the publish jobs on both platforms), then awaited until the sandbox
 * platform's reviewers approved them (its default) and Douyin's album is online and bound. Runs on
 * the first start only, right after the seed.
 */
export async function publishSeeded(
  urls: { API: string; LAMBDA: string },
  operatorSecret: string,
  seriesIds: string[],
  opts: { timeoutMs: number; log?: (line: string) => void },
): Promise<number> {
  const started = Date.now();
  const apiUrl = urls.API;
  // The schedule's sweep (retries after a transient failure), which runs later under `npm start`.
  let swept = 0;
  const sweep = async () => {
    if (Date.now() - swept < 1000) return;
    swept = Date.now();
    await send(`${urls.LAMBDA}/2015-03-31/functions/drama-local-syncPlatforms/invocations`, { method: 'POST', body: JSON.stringify({ source: 'aws.events' }) }).catch(() => undefined);
  };
  const call = async (path: string, init: { method?: string; body?: unknown; token?: string } = {}) => {
    const response = await send(`${apiUrl}${path}`, {
      method: init.method ?? (init.body ? 'POST' : 'GET'),
      headers: init.token ? { authorization: `Bearer ${init.token}` } : {},
      body: init.body ? JSON.stringify(init.body) : undefined,
    });
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${response.text}`);
    return JSON.parse(response.text) as unknown;
  };
  const { token } = operatorLoginOutputSchema.parse(await call('/admin/login', { body: { secret: operatorSecret } }));
  for (const id of seriesIds) await call(`/admin/series/${id}/publish`, { body: { published: true }, token });
  const deadline = Date.now() + opts.timeoutMs;
  type Review = { douyin: { state: ReviewState }; wechat: { state: ReviewState } };
  const settled = (r: Review) => r.douyin.state === 'online' && playableOn(r.wechat.state);
  for (;;) {
    const { items } = (await call('/admin/series', { token })) as { items: Array<{ id: string; review: Review }> };
    const waiting = items.filter((s) => seriesIds.includes(s.id) && !settled(s.review));
    if (!waiting.length) break;
    if (Date.now() > deadline) {
      opts.log?.(`the demo dramas are still going live on the platforms: ${waiting.map((s) => `${s.id} (douyin ${s.review.douyin.state}, wechat ${s.review.wechat.state})`).join(', ')}`);
      return Date.now() - started;
    }
    await sweep();
    await new Promise((r) => setTimeout(r, 250));
  }
  // Viewers see them once the catalog the API caches is read again (CATALOG_TTL_MS).
  while (Date.now() < deadline) {
    const { items } = (await call('/series')) as { items: Array<{ id: string }> };
    if (seriesIds.every((id) => items.some((s) => s.id === id))) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return Date.now() - started;
}
