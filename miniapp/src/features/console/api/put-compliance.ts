import { adminSeriesSchema, type AdminSeries } from '@drama/shared/admin';
import type { ComplianceInput } from '@drama/shared/going-live';
import { adminRequest } from './admin-request';

/** PUT /admin/series/{id}/compliance: budget tier, licence and cost report (a paid drama goes on sale only with them). */
export const putCompliance = (id: string, input: ComplianceInput): Promise<AdminSeries> =>
  adminRequest(`/admin/series/${encodeURIComponent(id)}/compliance`, { method: 'PUT', data: input, schema: adminSeriesSchema });
