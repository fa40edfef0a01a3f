import { useState } from 'react';
import type { AdminSeries, AdminSeriesInput } from '@drama/shared/admin';
import { genreSchema } from '@drama/shared/catalog';

/** The series editor's fields as typed: strings, turned into the API's numbers only on save. */
export interface SeriesForm {
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

export type SeriesFormField = Exclude<keyof SeriesForm, 'coverKey'>;

const emptyForm: SeriesForm = { id: '', title: '', genre: genreSchema.options[0], synopsis: '', tags: '', cast: '', freeEpisodes: '3', episodePriceCoins: '30', seriesPriceYuan: '9.90', licence: '', order: '0', previewS: '15', adDailyCap: '5' };

const formOf = (s: AdminSeries): SeriesForm => ({
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

/** What `PUT /admin/series/{id}` takes from the form; the cover only once one was uploaded. */
export const seriesInputOf = (form: SeriesForm): AdminSeriesInput => ({
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

/** The series form: empty for a new series, filled from a saved one with `reset`. */
export function useSeriesForm() {
  const [form, setForm] = useState<SeriesForm>(emptyForm);
  return {
    form,
    change: (field: SeriesFormField, value: string) => setForm((f) => ({ ...f, [field]: value })),
    setCoverKey: (coverKey: string) => setForm((f) => ({ ...f, coverKey })),
    reset: (saved: AdminSeries) => setForm(formOf(saved)),
  };
}
