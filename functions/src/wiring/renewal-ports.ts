import { isQuietHour } from '@drama/shared/reminders';
import { dynamoNotices } from '../adapters/dynamodb-notices';
import { douyinDeduction } from '../adapters/platform/douyin-deduction';
import { platformSender } from '../adapters/platform/subscribe-messages';
import type { NoticePorts } from '../domain/membership/pre-charge-notice';
import type { RenewalPorts } from '../domain/membership/renew';
import { config } from '../lib/config';
import { settlePorts } from './attribution-ports';
import { products, users, wallets } from './ports';

/** The renewal job's adapters: the settle path, the platform's deduction call and the notice sender. */
export function renewalPorts(): RenewalPorts & NoticePorts {
  return {
    ...settlePorts,
    charger: douyinDeduction(),
    dueBefore: (before) => wallets.dueForRenewal(before),
    products: () => products.get(),
    notices: dynamoNotices,
    recipients: users,
    sender: platformSender(),
    isQuiet: (at) => isQuietHour(at, config().quietHours),
  };
}
