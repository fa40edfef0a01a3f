import { useReducer } from 'react';
import type { AdminSeries } from '@drama/shared/admin';

/** The episode being added or edited, as typed: the next one unless `editing` names one. */
interface EpisodeDraft {
  /** The episode being edited; null: the next one is being added. */
  editing: number | null;
  title: string;
  file: File | null;
  /** A `datetime-local` value (local time), or empty: released at once. */
  releaseAt: string;
  /** Coins, overriding the series' episode price; empty: the series' price. */
  price: string;
  /** Bumped to clear the file input (a file input cannot be set back by value). */
  fileInputKey: number;
}

type Field = 'title' | 'releaseAt' | 'price';
type Action =
  | { type: 'change'; field: Field; value: string }
  | { type: 'file'; file: File | null }
  | { type: 'edit'; episode: AdminSeries['episodes'][number] }
  | { type: 'cancel' }
  | { type: 'saved' };

const blank: EpisodeDraft = { editing: null, title: '', file: null, releaseAt: '', price: '', fileInputKey: 0 };

/** An ISO time → the `datetime-local` value for it in the browser's zone. */
const toLocalInput = (iso: string) => new Date(new Date(iso).getTime() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

function reduce(draft: EpisodeDraft, action: Action): EpisodeDraft {
  switch (action.type) {
    case 'change':
      return { ...draft, [action.field]: action.value };
    case 'file':
      return { ...draft, file: action.file };
    case 'edit': {
      const e = action.episode;
      return {
        editing: e.index,
        title: e.title,
        file: null,
        releaseAt: e.releaseAt ? toLocalInput(e.releaseAt) : '',
        price: e.priceCoins !== undefined ? String(e.priceCoins) : '',
        fileInputKey: draft.fileInputKey + 1,
      };
    }
    case 'cancel':
      // Back to adding the next episode; a file already chosen stays chosen.
      return { ...draft, editing: null, title: '', releaseAt: '', price: '' };
    case 'saved':
      return { ...blank, fileInputKey: draft.fileInputKey + 1 };
  }
}

/** The episode form of one series: which episode it is about, and what was typed for it. */
export function useEpisodeDraft(series: AdminSeries) {
  const [draft, dispatch] = useReducer(reduce, blank);
  const nextIndex = draft.editing ?? series.episodes.length + 1;
  return {
    draft,
    nextIndex,
    /** The saved episode being edited, if any (its media stays unless a new file is chosen). */
    current: series.episodes.find((e) => e.index === draft.editing),
    change: (field: Field, value: string) => dispatch({ type: 'change', field, value }),
    chooseFile: (file: File | null) => dispatch({ type: 'file', file }),
    edit: (index: number) => {
      const episode = series.episodes.find((e) => e.index === index);
      if (episode) dispatch({ type: 'edit', episode });
    },
    cancel: () => dispatch({ type: 'cancel' }),
    saved: () => dispatch({ type: 'saved' }),
  };
}
