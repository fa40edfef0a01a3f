import { genreSchema } from '@drama/shared/catalog';
import type { SeriesForm, SeriesFormField } from '../hooks/use-series-form';

interface Props {
  form: SeriesForm;
  /** A saved series keeps its id. */
  saved: boolean;
  onChange(field: SeriesFormField, value: string): void;
  onCover(file: File): void;
}

/** The series' facts and prices, and its cover (uploaded at once, kept on the next save). */
export function SeriesFields({ form, saved, onChange, onCover }: Props) {
  const bind = (field: SeriesFormField) => ({ value: form[field], onChange: (e: { target: { value: string } }) => onChange(field, e.target.value) });
  return (
    <div className="console-form">
      <label className="console-field">
        剧集 ID（小写字母、数字、-）
        <input {...bind('id')} disabled={saved} placeholder="my-new-drama" />
      </label>
      <label className="console-field">
        剧名
        <input {...bind('title')} />
      </label>
      <label className="console-field">
        类型
        <select {...bind('genre')}>
          {genreSchema.options.map((g) => (
            <option key={g} value={g}>
              {g}
            </option>
          ))}
        </select>
      </label>
      <label className="console-field">
        标签（空格分隔）
        <input {...bind('tags')} />
      </label>
      <label className="console-field">
        主演（空格分隔）
        <input {...bind('cast')} />
      </label>
      <label className="console-field">
        免费集数
        <input type="number" min={0} {...bind('freeEpisodes')} />
      </label>
      <label className="console-field">
        单集价格（金币）
        <input type="number" min={1} {...bind('episodePriceCoins')} />
      </label>
      <label className="console-field">
        全集价格（元）
        <input type="number" min={0.01} step="0.01" {...bind('seriesPriceYuan')} />
      </label>
      <label className="console-field">
        备案号（付费剧必填）
        <input {...bind('licence')} />
      </label>
      <label className="console-field">
        付费集试看（秒，0 为不试看；最多半集）
        <input type="number" min={0} max={120} {...bind('previewS')} />
      </label>
      <label className="console-field">
        每人每天看广告免费解锁（集，0 为关闭）
        <input type="number" min={0} max={50} {...bind('adDailyCap')} />
      </label>
      <label className="console-field">
        排序（小的在前）
        <input type="number" min={0} {...bind('order')} />
      </label>
      <label className="console-field">
        封面
        <input type="file" accept="image/jpeg,image/png,image/webp" disabled={!form.id} onChange={(e) => e.target.files?.[0] && onCover(e.target.files[0])} />
      </label>
      <label className="console-field console-field--wide">
        简介
        <textarea rows={3} {...bind('synopsis')} />
      </label>
    </div>
  );
}
