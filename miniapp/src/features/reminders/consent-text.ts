import type { ConsentItem } from '@drama/shared/reminders';

/** How one reminder's consent reads in settings. */
export function consentStateText(item: Pick<ConsentItem, 'longTerm' | 'oneTimeLeft' | 'status'>): string {
  if (item.longTerm) return '长期订阅';
  if (item.oneTimeLeft > 0) return `剩余 ${item.oneTimeLeft} 次`;
  switch (item.status) {
    case 'rejected':
    case 'banned':
    case 'refused':
      return '已拒绝';
    case 'withdrawn':
      return '已撤回';
    case 'used_up':
      return '剩余 0 次';
    default:
      return '未订阅';
  }
}

/** Whether there is anything to take back. */
export const canWithdraw = (item: Pick<ConsentItem, 'longTerm' | 'oneTimeLeft'>) => item.longTerm || item.oneTimeLeft > 0;
