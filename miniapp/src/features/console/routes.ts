/** The console subpackage's pages (H5 only: see app.config.ts). */
const root = '/packages/console/pages';
export const consoleLoginUrl = `${root}/login/index`;
export const consoleDashboardUrl = `${root}/dashboard/index`;
export const consoleSeriesListUrl = `${root}/series/index`;
export const consoleEditorUrl = (seriesId?: string) => `${root}/editor/index${seriesId ? `?seriesId=${encodeURIComponent(seriesId)}` : ''}`;
export const consolePricesUrl = `${root}/prices/index`;
export const consoleCommentsUrl = `${root}/comments/index`;
export const consoleTraceUrl = `${root}/trace/index`;
