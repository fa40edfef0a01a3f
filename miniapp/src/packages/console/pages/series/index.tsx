import Taro from '@tarojs/taro';
import { StateView } from '@/components/state-view/state-view';
import { useAdminSeries } from '@/features/console/api/list-admin-series';
import { Card, ConsoleNav } from '@/features/console/components/console-nav';
import { ReviewBadges } from '@/features/console/components/review-status';
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
          {series.status === 'success' && series.data.length > 0 && (
            <div className="console-table-wrap">
              <table className="console-table console-table--cards">
                <thead>
                  <tr>
                    <th aria-label="封面" />
                    <th>剧名</th>
                    <th>类型</th>
                    <th>集数</th>
                    <th>免费</th>
                    <th>单集</th>
                    <th>全集</th>
                    <th>备案号</th>
                    <th>状态</th>
                    <th>平台审核</th>
                  </tr>
                </thead>
                <tbody>
                  {series.data.map((s) => (
                    <tr key={s.id} className="console-table__link" role="link" aria-label={s.title} onClick={() => void Taro.navigateTo({ url: consoleEditorUrl(s.id) })}>
                      <td>
                        <img className="console-table__cover" src={s.cover} alt="" />
                      </td>
                      <td>
                        <span className="console-table__title">{s.title}</span>
                      </td>
                      <td data-label="类型">{s.genre}</td>
                      <td data-label="集数">{s.episodes.length} 集</td>
                      <td data-label="免费">前 {s.freeEpisodes} 集</td>
                      <td data-label="单集">{s.episodePriceCoins} 金币</td>
                      <td data-label="全集">{yuan(s.seriesPriceFen)}</td>
                      <td data-label="备案号">{s.licence ?? <span className="console-note">未填</span>}</td>
                      <td>
                        <span className={`console-badge${s.published ? ' console-badge--on' : ''}`}>{s.published ? '已上架' : '未上架'}</span>
                      </td>
                      <td data-label="平台审核">
                        <ReviewBadges review={s.review} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      </div>
    </div>
  );
}
