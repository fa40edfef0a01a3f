/** Where the subpackages' pages live; pages navigate with these. */
export const seriesPageUrl = (seriesId: string) =>
  `/packages/watch/pages/series/index?seriesId=${encodeURIComponent(seriesId)}`;
export const playerPageUrl = (seriesId: string, episode: number) =>
  `/packages/watch/pages/player/index?seriesId=${encodeURIComponent(seriesId)}&episode=${episode}`;
export const seriesListPageUrl = '/packages/watch/pages/list/index';

/** The pay subpackage. `need`: coins still missing for the unlock that sent the user here. */
export const coinStorePageUrl = (need?: number) => `/packages/pay/pages/coins/index${need ? `?need=${need}` : ''}`;
export const membershipPageUrl = '/packages/pay/pages/membership/index';
export const ledgerPageUrl = '/packages/pay/pages/ledger/index';
/** Also the Douyin order entry (orderEntrySchema.path in the functions' pay params). */
export const orderPageUrl = (orderId: string) => `/packages/pay/pages/order/index?orderId=${encodeURIComponent(orderId)}`;

/** The scene subpackage: a scene from a drama frame (`atS` seconds into an episode), an upload, or the album picker. */
export const scenePageUrl = (from?: { seriesId: string; episode: number; atS: number } | { upload: string }) => {
  const base = '/packages/scene/pages/play/index';
  if (!from) return base;
  if ('upload' in from) return `${base}?upload=${encodeURIComponent(from.upload)}`;
  return `${base}?seriesId=${encodeURIComponent(from.seriesId)}&episode=${from.episode}&atS=${from.atS}`;
};
