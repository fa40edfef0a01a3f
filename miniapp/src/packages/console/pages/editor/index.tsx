import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import type { AdminSeries } from '@drama/shared/admin';
import { genreSchema } from '@drama/shared/catalog';
import { StateView } from '@/components/state-view/state-view';
import { ApiError } from '@/lib/api-client';
import { errorText } from '@/lib/error-text';
import { listAdminSeries } from '@/features/console/api/list-admin-series';
import { publishSeries } from '@/features/console/api/publish-series';
import { putEpisode } from '@/features/console/api/put-episode';
import { putSeries } from '@/features/console/api/put-series';
import { uploadFile, videoDurationS } from '@/features/console/api/upload-file';
import { ComplianceCard } from '@/features/console/components/compliance-card';
import { Card, ConsoleNav } from '@/features/console/components/console-nav';
import { useOperatorGate } from '@/features/console/use-operator-gate';
import '@/features/console/components/console.css';

interface Form {
  id: string;
  title: string;
  genre: (typeof genreSchema.options)[number];
  synopsis: string;
  tags: string;
  cast: string;
  freeEpisodes: string;
  episodePriceCoins: string;
  seriesPriceYuan: string;
  licence: string;
  order: string;
  previewS: string;
  adDailyCap: string;
  coverKey?: string;
}

const emptyForm: Form = { id: '', title: '', genre: genreSchema.options[0], synopsis: '', tags: '', cast: '', freeEpisodes: '3', episodePriceCoins: '30', seriesPriceYuan: '9.90', licence: '', order: '0', previewS: '15', adDailyCap: '5' };

const formOf = (s: AdminSeries): Form => ({
  id: s.id,
  title: s.title,
  genre: s.genre,
  synopsis: s.synopsis,
  tags: s.tags.join(' '),
  cast: (s.cast ?? []).join(' '),
  freeEpisodes: String(s.freeEpisodes),
  episodePriceCoins: String(s.episodePriceCoins),
  seriesPriceYuan: (s.seriesPriceFen / 100).toFixed(2),
  licence: s.licence ?? '',
  order: String(s.order),
  previewS: String(s.previewS),
  adDailyCap: String(s.adDailyCap),
  coverKey: s.coverKey,
});

/** Yuan typed by a person → integer fen (never a float price). */
const fenOf = (yuan: string) => Math.round(Number(yuan) * 100);

/** One series: its facts and prices, cover, episodes (uploaded through presigned PUTs) and publication. */
export default function ConsoleEditorPage() {
  const signedIn = useOperatorGate();
  const initialId = useRouter().params.seriesId ?? '';
  const [series, setSeries] = useState<AdminSeries | null>(null);
  const [form, setForm] = useState<Form>(emptyForm);
  const [loading, setLoading] = useState(Boolean(initialId));
  const [busy, setBusy] = useState('');
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [episodeTitle, setEpisodeTitle] = useState('');
  const [episodeFile, setEpisodeFile] = useState<File | null>(null);
  const [releaseAt, setReleaseAt] = useState('');
  const [episodePrice, setEpisodePrice] = useState('');
  /** The episode being edited; null: the next one is being added. */
  const [editing, setEditing] = useState<number | null>(null);
  const [fileInputKey, setFileInputKey] = useState(0);

  useEffect(() => {
    if (!initialId || !signedIn) return;
    listAdminSeries()
      .then((all) => {
        const found = all.find((s) => s.id === initialId);
        if (found) {
          setSeries(found);
          setForm(formOf(found));
        } else setError(`没有剧集 ${initialId}`);
      })
      .catch((e: unknown) => setError(errorText(e)))
      .finally(() => setLoading(false));
  }, [initialId, signedIn]);

  useEffect(() => {
    if (series) void Taro.setNavigationBarTitle({ title: series.title });
  }, [series?.title]);

  if (!signedIn) return null;
  if (loading) return <StateView kind="loading" />;

  const set = (key: keyof Form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  const run = async (what: string, fn: () => Promise<void>) => {
    setBusy(what);
    setError('');
    setNotice('');
    try {
      await fn();
    } catch (e) {
      // The catalog's only conflicts are the licence rule: say which field is missing.
      if (e instanceof ApiError && e.code === 'CONFLICT') setError('付费剧需要备案号：请先填写备案号再保存或上架');
      else setError(e instanceof Error && !('code' in e) ? e.message : errorText(e));
    } finally {
      setBusy('');
    }
  };

  const save = () =>
    run('save', async () => {
      const saved = await putSeries(form.id, {
        title: form.title,
        genre: form.genre,
        synopsis: form.synopsis,
        tags: form.tags.split(/\s+/).filter(Boolean),
        cast: form.cast.split(/\s+/).filter(Boolean),
        freeEpisodes: Number(form.freeEpisodes),
        episodePriceCoins: Number(form.episodePriceCoins),
        seriesPriceFen: fenOf(form.seriesPriceYuan),
        licence: form.licence.trim() || undefined,
        order: Number(form.order),
        previewS: Number(form.previewS),
        adDailyCap: Number(form.adDailyCap),
        ...(form.coverKey && form.coverKey.startsWith('covers/') && form.coverKey !== 'covers/none.jpg' ? { coverKey: form.coverKey } : {}),
      });
      setSeries(saved);
      setForm(formOf(saved));
      setNotice('已保存');
    });

  const uploadCover = (file: File) =>
    run('cover', async () => {
      const { key } = await uploadFile('cover', form.id, file);
      setForm({ ...form, coverKey: key });
      setNotice('封面已上传，保存后生效');
    });

  const nextIndex = editing ?? (series?.episodes.length ?? 0) + 1;
  const current = series?.episodes.find((e) => e.index === editing);
  const toLocalInput = (iso: string) => new Date(new Date(iso).getTime() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  const startEditing = (index: number) => {
    const e = series?.episodes.find((x) => x.index === index);
    if (!e) return;
    setEditing(index);
    setEpisodeTitle(e.title);
    setReleaseAt(e.releaseAt ? toLocalInput(e.releaseAt) : '');
    setEpisodePrice(e.priceCoins !== undefined ? String(e.priceCoins) : '');
    setEpisodeFile(null);
    setFileInputKey((k) => k + 1);
  };
  const addEpisode = () =>
    run('episode', async () => {
      if (!series || (!episodeFile && !current)) return;
      const [media, durationS] = episodeFile
        ? await Promise.all([uploadFile('media', series.id, episodeFile).then((u) => u.key), videoDurationS(episodeFile)])
        : [current!.mediaKey, current!.durationS];
      const saved = await putEpisode(series.id, nextIndex, {
        title: episodeTitle.trim() || `第${nextIndex}集`,
        durationS,
        mediaKey: media,
        ...(releaseAt ? { releaseAt: new Date(releaseAt).toISOString() } : {}),
        ...(episodePrice.trim() ? { priceCoins: Number(episodePrice) } : {}),
      });
      setSeries(saved);
      setEpisodeTitle('');
      setEpisodeFile(null);
      setReleaseAt('');
      setEpisodePrice('');
      setEditing(null);
      setFileInputKey((k) => k + 1);
      setNotice(episodeFile ? `第 ${nextIndex} 集已上传` : `第 ${nextIndex} 集已保存`);
    });

  const togglePublished = () =>
    run('publish', async () => {
      if (!series) return;
      const saved = await publishSeries(series.id, !series.published);
      setSeries(saved);
      setNotice(saved.published ? '已上架' : '已下架');
    });

  return (
    <div className="console">
      <ConsoleNav current="series" />
      <div className="console__body">
        <Card
          title={series ? `编辑《${series.title}》` : '新建剧集'}
          aside={series && <span className={`console-badge${series.published ? ' console-badge--on' : ''}`}>{series.published ? '已上架' : '未上架'}</span>}
        >
          <div className="console-form">
            <label className="console-field">
              剧集 ID（小写字母、数字、-）
              <input value={form.id} onChange={set('id')} disabled={Boolean(series)} placeholder="my-new-drama" />
            </label>
            <label className="console-field">
              剧名
              <input value={form.title} onChange={set('title')} />
            </label>
            <label className="console-field">
              类型
              <select value={form.genre} onChange={set('genre')}>
                {genreSchema.options.map((g) => (
                  <option key={g} value={g}>
                    {g}
                  </option>
                ))}
              </select>
            </label>
            <label className="console-field">
              标签（空格分隔）
              <input value={form.tags} onChange={set('tags')} />
            </label>
            <label className="console-field">
              主演（空格分隔）
              <input value={form.cast} onChange={set('cast')} />
            </label>
            <label className="console-field">
              免费集数
              <input type="number" min={0} value={form.freeEpisodes} onChange={set('freeEpisodes')} />
            </label>
            <label className="console-field">
              单集价格（金币）
              <input type="number" min={1} value={form.episodePriceCoins} onChange={set('episodePriceCoins')} />
            </label>
            <label className="console-field">
              全集价格（元）
              <input type="number" min={0.01} step="0.01" value={form.seriesPriceYuan} onChange={set('seriesPriceYuan')} />
            </label>
            <label className="console-field">
              备案号（付费剧必填）
              <input value={form.licence} onChange={set('licence')} />
            </label>
            <label className="console-field">
              付费集试看（秒，0 为不试看；最多半集）
              <input type="number" min={0} max={120} value={form.previewS} onChange={set('previewS')} />
            </label>
            <label className="console-field">
              每人每天看广告免费解锁（集，0 为关闭）
              <input type="number" min={0} max={50} value={form.adDailyCap} onChange={set('adDailyCap')} />
            </label>
            <label className="console-field">
              排序（小的在前）
              <input type="number" min={0} value={form.order} onChange={set('order')} />
            </label>
            <label className="console-field">
              封面
              <input type="file" accept="image/jpeg,image/png,image/webp" disabled={!form.id} onChange={(e) => e.target.files?.[0] && void uploadCover(e.target.files[0])} />
            </label>
            <label className="console-field console-field--wide">
              简介
              <textarea rows={3} value={form.synopsis} onChange={set('synopsis')} />
            </label>
          </div>
          <div className="console-actions">
            <button type="button" className="console-button" disabled={Boolean(busy) || !form.id || !form.title} onClick={() => void save()}>
              {busy === 'save' ? '保存中…' : '保存'}
            </button>
            {series && (
              <button type="button" className="console-button console-button--quiet" disabled={Boolean(busy)} onClick={() => void togglePublished()}>
                {series.published ? '下架' : '上架'}
              </button>
            )}
          </div>
          {error && (
            <p className="console-error" role="alert">
              {error}
            </p>
          )}
          {notice && (
            <p className="console-ok" role="status">
              {notice}
            </p>
          )}
        </Card>

        {series && <ComplianceCard series={series} onSaved={setSeries} />}

        {series && (
          <Card title={`分集（${series.episodes.length}）`}>
            <table className="console-table">
              <thead>
                <tr>
                  <th>集</th>
                  <th>标题</th>
                  <th>时长</th>
                  <th>上线时间</th>
                  <th>收费</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {series.episodes.map((e) => (
                  <tr key={e.index}>
                    <td>{e.index}</td>
                    <td>{e.title}</td>
                    <td>{e.durationS}s</td>
                    <td>{e.releaseAt ? new Date(e.releaseAt).toLocaleString('zh-CN') : '立即'}</td>
                    <td>{e.index <= series.freeEpisodes ? '免费' : `${e.priceCoins ?? series.episodePriceCoins} 金币`}</td>
                    <td>
                      <button type="button" className="console-chip" aria-label={`编辑第 ${e.index} 集`} onClick={() => startEditing(e.index)}>
                        编辑
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="console-form" style={{ marginTop: '16px' }}>
              <label className="console-field">
                第 {nextIndex} 集标题
                <input value={episodeTitle} onChange={(e) => setEpisodeTitle(e.target.value)} placeholder={`第${nextIndex}集`} />
              </label>
              <label className="console-field">
                {current ? '替换视频（可选）' : '视频文件（MP4）'}
                <input key={fileInputKey} type="file" accept="video/mp4" onChange={(e) => setEpisodeFile(e.target.files?.[0] ?? null)} />
              </label>
              <label className="console-field">
                定时上线（可选）
                <input type="datetime-local" value={releaseAt} onChange={(e) => setReleaseAt(e.target.value)} />
              </label>
              <label className="console-field">
                本集价格（金币，可选，覆盖单集价格）
                <input type="number" min={1} value={episodePrice} onChange={(e) => setEpisodePrice(e.target.value)} />
              </label>
            </div>
            <div className="console-actions">
              <button type="button" className="console-button" disabled={Boolean(busy) || (!episodeFile && !current)} onClick={() => void addEpisode()}>
                {busy === 'episode' ? '上传中…' : current ? `保存第 ${nextIndex} 集` : `上传第 ${nextIndex} 集`}
              </button>
              {current && (
                <button
                  type="button"
                  className="console-button console-button--quiet"
                  onClick={() => {
                    setEditing(null);
                    setEpisodeTitle('');
                    setReleaseAt('');
                    setEpisodePrice('');
                  }}
                >
                  取消编辑
                </button>
              )}
            </div>
          </Card>
        )}
      </div>
    </div>
  );
}
