import type { AdminSeries } from '@drama/shared/admin';

/** A series' episodes: length, release time, price, and a button to edit each. */
export function EpisodeTable({ series, onEdit }: { series: AdminSeries; onEdit(index: number): void }) {
  return (
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
              <button type="button" className="console-chip" aria-label={`编辑第 ${e.index} 集`} onClick={() => onEdit(e.index)}>
                编辑
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
