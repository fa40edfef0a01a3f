import { sweepPaidOrders } from '../domain/orders/settle';
import { job } from '../lib/job';
import { logger } from '../lib/logger';
import { settlePorts } from '../wiring/attribution-ports';
import { clock } from '../wiring/ports';

/** Scheduled: finishes orders whose grant, or whose paid event and conversion, a crash interrupted (older than a minute). */
export const handler = job(async (): Promise<{ finished: number }> => {
  const finished = await sweepPaidOrders(new Date(clock().getTime() - 60_000), settlePorts);
  if (finished) logger.info('sweep finished paid orders', { finished });
  return { finished };
});
