import { searchOutputSchema, type SearchOutput } from '@drama/shared/discovery';
import { apiRequest } from '@/lib/api-client';

/** GET /search?q=: series by title, cast, tags or synopsis, in characters or pinyin. */
export const searchSeries = (q: string): Promise<SearchOutput> => apiRequest(`/search?q=${encodeURIComponent(q)}`, { schema: searchOutputSchema, auth: 'none' });
