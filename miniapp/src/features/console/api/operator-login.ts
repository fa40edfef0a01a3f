import { operatorLoginOutputSchema, type OperatorLoginOutput } from '@drama/shared/admin';
import { apiRequest } from '@/lib/api-client';

/** POST /admin/login: the operator secret for an operator token. */
export const operatorLogin = (secret: string): Promise<OperatorLoginOutput> =>
  apiRequest('/admin/login', { method: 'POST', data: { secret }, schema: operatorLoginOutputSchema, auth: 'none' });
