import type { Schema } from './api-client';

/**
 * A response schema made from a type guard, for answers the shared contract has no zod schema for
 * yet (GET /products, GET /me/ledger). Replace each with the shared schema once it exists.
 */
export function guardSchema<T>(what: string, guard: (data: unknown) => data is T): Schema<T> {
  return {
    safeParse: (data) => (guard(data) ? { success: true, data } : { success: false, error: { issues: [`not ${what}`] } }),
  };
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
