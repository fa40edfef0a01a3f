import type { AdminSeries } from '@drama/shared/admin';
import { putEpisode } from '../api/put-episode';
import { uploadFile, videoDurationS } from '../api/upload-file';
import type { ConsoleAction } from '../hooks/use-console-action';
import { useEpisodeDraft } from '../hooks/use-episode-draft';
import { Card } from './console-nav';
import { EpisodeTable } from './episode-table';

interface Props {
  series: AdminSeries;
  /** The page's action state: one action at a time, its error and notice shown with the series. */
  action: ConsoleAction;
  onSaved(series: AdminSeries): void;
}

/** 分集: the episode list, and the form that uploads the next episode or edits a listed one. */
export function EpisodesCard({ series, action, onSaved }: Props) {
  const episode = useEpisodeDraft(series);
  const { draft, nextIndex, current } = episode;

  const save = () =>
    action.run('episode', async () => {
      const { file } = draft;
      if (!file && !current) return undefined;
      // A new file is uploaded and measured; without one, the edited episode keeps its media.
      const [mediaKey, durationS] = file
        ? await Promise.all([uploadFile('media', series.id, file).then((u) => u.key), videoDurationS(file)])
        : [current!.mediaKey, current!.durationS];
      const saved = await putEpisode(series.id, nextIndex, {
        title: draft.title.trim() || `第${nextIndex}集`,
        durationS,
        mediaKey,
        ...(draft.releaseAt ? { releaseAt: new Date(draft.releaseAt).toISOString() } : {}),
        ...(draft.price.trim() ? { priceCoins: Number(draft.price) } : {}),
      });
      onSaved(saved);
      episode.saved();
      return file ? `第 ${nextIndex} 集已上传` : `第 ${nextIndex} 集已保存`;
    });

  return (
    <Card title={`分集（${series.episodes.length}）`}>
      <EpisodeTable series={series} onEdit={episode.edit} />
      <div className="console-form" style={{ marginTop: '16px' }}>
        <label className="console-field">
          第 {nextIndex} 集标题
          <input value={draft.title} onChange={(e) => episode.change('title', e.target.value)} placeholder={`第${nextIndex}集`} />
        </label>
        <label className="console-field">
          {current ? '替换视频（可选）' : '视频文件（MP4）'}
          <input key={draft.fileInputKey} type="file" accept="video/mp4" onChange={(e) => episode.chooseFile(e.target.files?.[0] ?? null)} />
        </label>
        <label className="console-field">
          定时上线（可选）
          <input type="datetime-local" value={draft.releaseAt} onChange={(e) => episode.change('releaseAt', e.target.value)} />
        </label>
        <label className="console-field">
          本集价格（金币，可选，覆盖单集价格）
          <input type="number" min={1} value={draft.price} onChange={(e) => episode.change('price', e.target.value)} />
        </label>
      </div>
      <div className="console-actions">
        <button type="button" className="console-button" disabled={Boolean(action.busy) || (!draft.file && !current)} onClick={() => void save()}>
          {action.busy === 'episode' ? '上传中…' : current ? `保存第 ${nextIndex} 集` : `上传第 ${nextIndex} 集`}
        </button>
        {current && (
          <button type="button" className="console-button console-button--quiet" onClick={episode.cancel}>
            取消编辑
          </button>
        )}
      </div>
    </Card>
  );
}
