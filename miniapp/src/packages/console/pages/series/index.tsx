import Taro from '@tarojs/taro';
import { StateView } from '@/components/state-view/state-view';
import { useAdminSeries } from '@/features/console/api/list-admin-series';
import { Card, ConsoleNav } from '@/features/console/components/console-nav';
import { consoleEditorUrl } from '@/features/console/routes';
import { useOperatorGate } from '@/features/console/use-operator-gate';
import '@/features/console/components/console.css';

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

/** Every series, published or not; a tap opens the editor. */
export default function ConsoleSeriesPage() {
  const signedIn = useOperatorGate();
  const series = useAdminSeries();
  if (!signedIn) return null;
  return (
    <div className="console">
      <ConsoleNav current="series" />
      <div className="console__body">
        <Card
          title="剧集"
          aside={
            <button type="button" className="console-button" onClick={() => void Taro.navigateTo({ url: consoleEditorUrl() })}>
              新建剧集
            </button>
          }
        >
          {series.status === 'loading' && <StateView kind="loading" />}
          {series.status === 'error' && <StateView kind="error" error={series.error} onRetry={series.reload} />}
          {series.status === 'success' && series.data.length === 0 && <StateView kind="empty" text="还没有剧集" />}
          {series.status === 'success' &&
            series.data.map((s) => (
              <div key={s.id} className="console-series" role="link" aria-label={s.title} onClick={() => void Taro.navigateTo({ url: consoleEditorUrl(s.id) })}>
                <img className="console-series__cover" src={s.cover} alt="" />
                <div className="console-series__facts">
                  <span className="console-series__title">{s.title}</span>
                  <span className="console-note">
                    {s.genre} · {s.episodes.length} 集 · 前 {s.freeEpisodes} 集免费 · 单集 {s.episodePriceCoins} 金币 · 全集 {yuan(s.seriesPriceFen)}
                  </span>
                  <span className="console-note">{s.licence ? `备案号 ${s.licence}` : '未填备案号'}</span>
                </div>
                <span className={`console-badge${s.published ? ' console-badge--on' : ''}`}>{s.published ? '已上架' : '未上架'}</span>
              </div>
            ))}
        </Card>
      </div>
    </div>
  );
}
