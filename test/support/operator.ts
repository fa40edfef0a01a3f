import { call } from './http';
import type { StackInfo } from './stack-setup';

/**
 * An operator at the console: signs in with the operator secret and drives the /admin/ routes. The
 * demo dramas' files (already in the bucket) serve as uploads for the series a test creates.
 */
export async function operator(stack: StackInfo) {
  const login = await call(stack.urls.API, '/admin/login', { body: { secret: stack.apiEnv.OPERATOR_SECRET } });
  if (login.status !== 200) throw new Error(`operator login: ${login.status}`);
  const token = login.body.token as string;
  const admin = (path: string, opts: { method?: string; body?: unknown } = {}) => call(stack.urls.API, `/admin${path}`, { ...opts, token });

  /** A small PNG, put under reports/ through a presigned PUT as the console uploads the cost report. */
  const uploadReport = async (seriesId: string): Promise<string> => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const upload = await admin('/uploads', { body: { kind: 'report', seriesId, contentType: 'image/png', bytes: png.length } });
    if (upload.status !== 200) throw new Error(`report upload: ${upload.status} ${JSON.stringify(upload.body)}`);
    const put = await fetch(upload.body.url, { method: 'PUT', headers: upload.body.headers, body: png });
    if (put.status !== 200) throw new Error(`report PUT: ${put.status}`);
    return upload.body.key as string;
  };

  /** A series with `episodes` episodes (the demo's first files), unpublished; `compliant` records tier, licence and report. */
  const createSeries = async (spec: { id: string; title: string; episodes: number; freeEpisodes: number; licence?: string; compliant?: boolean }) => {
    const base = { title: spec.title, genre: '悬疑', synopsis: '测试上线', tags: ['悬疑'], freeEpisodes: spec.freeEpisodes, episodePriceCoins: 30, seriesPriceFen: 990, order: 50, coverKey: 'covers/witness-in-the-rain.jpg' };
    const put = await admin(`/series/${spec.id}`, { method: 'PUT', body: base });
    if (put.status !== 200) throw new Error(`series: ${put.status} ${JSON.stringify(put.body)}`);
    if (spec.compliant) {
      const compliance = await admin(`/series/${spec.id}/compliance`, { method: 'PUT', body: { budgetTier: 'provincial', licence: spec.licence ?? `(2026)测审字第${spec.id}号`, costReportKey: await uploadReport(spec.id) } });
      if (compliance.status !== 200) throw new Error(`compliance: ${compliance.status} ${JSON.stringify(compliance.body)}`);
    }
    for (let index = 1; index <= spec.episodes; index++) {
      const episode = await admin(`/series/${spec.id}/episodes/${index}`, { method: 'PUT', body: { title: `第${index}集`, durationS: 29, mediaKey: `media/witness-in-the-rain/ep-00${index}.mp4` } });
      if (episode.status !== 200) throw new Error(`episode ${index}: ${episode.status} ${JSON.stringify(episode.body)}`);
    }
    return base;
  };

  return { token, admin, uploadReport, createSeries };
}

/** The sandbox platform's records of what it received (API.md) and its test controls. */
export function sandboxPlatform(stack: StackInfo) {
  return {
    albums: async () => (await call(stack.urls.SANDBOX, '/playlet/albums')).body.items as Array<{ albumId: string; title: string; episodes: number; state: string; boundPath?: string; bound: number; recordInfo?: Record<string, string> }>,
    dramas: async () => (await call(stack.urls.SANDBOX, '/vod/dramas')).body.items as Array<{ dramaId: string; name: string; episodes: number; state: string; submissions: number; qualification: Record<string, unknown> }>,
    resources: async () => (await call(stack.urls.SANDBOX, '/playlet/resources')).body.items as Array<{ id: string; type: string; source: string; title?: string; status: string }>,
    media: async () => (await call(stack.urls.SANDBOX, '/vod/media')).body.items as Array<{ mediaId: string; name: string; source: string; dramaId?: string }>,
    review: (title: string, decision: 'approve' | 'reject' | 'hold', reason?: string) => call(stack.urls.SANDBOX, '/control/review', { body: { title, decision, reason } }),
    failUploads: (platform: 'douyin' | 'wechat', count: number, title: string) => call(stack.urls.SANDBOX, '/control/fail-uploads', { body: { platform, count, title } }),
  };
}
