import { useRouter } from '@tarojs/taro';
import { StateView } from '@/components/state-view/state-view';
import { publishSeries } from '@/features/console/api/publish-series';
import { putSeries } from '@/features/console/api/put-series';
import { uploadFile } from '@/features/console/api/upload-file';
import { ActionMessages } from '@/features/console/components/action-messages';
import { ComplianceCard } from '@/features/console/components/compliance-card';
import { Card, ConsoleNav } from '@/features/console/components/console-nav';
import { EpisodesCard } from '@/features/console/components/episodes-card';
import { SeriesFields } from '@/features/console/components/series-fields';
import { useConsoleAction } from '@/features/console/hooks/use-console-action';
import { useEditedSeries } from '@/features/console/hooks/use-edited-series';
import { seriesInputOf, useSeriesForm } from '@/features/console/hooks/use-series-form';
import { useOperatorGate } from '@/features/console/use-operator-gate';
import '@/features/console/components/console.css';

/** One series: its facts and prices, cover, episodes (uploaded through presigned PUTs) and publication. */
export default function ConsoleEditorPage() {
  const signedIn = useOperatorGate();
  const action = useConsoleAction();
  const seriesForm = useSeriesForm();
  const { form } = seriesForm;
  const { series, setSeries, loading } = useEditedSeries(useRouter().params.seriesId ?? '', signedIn, { loaded: seriesForm.reset, error: action.showError });

  if (!signedIn) return null;
  if (loading) return <StateView kind="loading" />;

  const save = () =>
    action.run('save', async () => {
      const saved = await putSeries(form.id, seriesInputOf(form));
      setSeries(saved);
      seriesForm.reset(saved);
      return '已保存';
    });

  const uploadCover = (file: File) =>
    action.run('cover', async () => {
      const { key } = await uploadFile('cover', form.id, file);
      seriesForm.setCoverKey(key);
      return '封面已上传，保存后生效';
    });

  const togglePublished = () =>
    action.run('publish', async () => {
      if (!series) return undefined;
      const saved = await publishSeries(series.id, !series.published);
      setSeries(saved);
      return saved.published ? '已上架' : '已下架';
    });

  return (
    <div className="console">
      <ConsoleNav current="series" />
      <div className="console__body">
        <Card
          title={series ? `编辑《${series.title}》` : '新建剧集'}
          aside={series && <span className={`console-badge${series.published ? ' console-badge--on' : ''}`}>{series.published ? '已上架' : '未上架'}</span>}
        >
          <SeriesFields form={form} saved={Boolean(series)} onChange={seriesForm.change} onCover={(file) => void uploadCover(file)} />
          <div className="console-actions">
            <button type="button" className="console-button" disabled={Boolean(action.busy) || !form.id || !form.title} onClick={() => void save()}>
              {action.busy === 'save' ? '保存中…' : '保存'}
            </button>
            {series && (
              <button type="button" className="console-button console-button--quiet" disabled={Boolean(action.busy)} onClick={() => void togglePublished()}>
                {series.published ? '下架' : '上架'}
              </button>
            )}
          </div>
          <ActionMessages error={action.error} notice={action.notice} />
        </Card>

        {series && <ComplianceCard series={series} onSaved={setSeries} />}

        {series && <EpisodesCard series={series} action={action} onSaved={setSeries} />}
      </div>
    </div>
  );
}
