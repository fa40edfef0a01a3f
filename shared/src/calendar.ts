/** Calendar helpers in Asia/Shanghai civil time (UTC+8, no daylight saving). */
export const shanghaiOffsetMs = 8 * 3600_000;

export function addDays(from: Date, days: number): Date {
  return new Date(from.getTime() + days * 24 * 3600_000);
}

/** The Shanghai calendar date of `at` as YYYY-MM-DD. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + shanghaiOffsetMs).toISOString().slice(0, 10);
}

/** The Shanghai wall-clock time of `iso` as "YYYY-MM-DD HH:MM", for display. */
export function shanghaiDateTime(iso: string): string {
  return new Date(Date.parse(iso) + shanghaiOffsetMs).toISOString().slice(0, 16).replace('T', ' ');
}
