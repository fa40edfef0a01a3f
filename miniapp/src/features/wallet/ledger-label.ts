import type { LedgerEntryView } from '@drama/shared/ledger';

/** How one ledger row reads: why the wallet changed, and by how many coins (bonus included). */
export interface LedgerLabel {
  title: string;
  /** Paid plus bonus after minus before: "+3300", "-30", or "" when no coins moved. */
  delta: string;
  /** "赠送 +300" when bonus coins moved. */
  detail: string;
}

const reasons: Record<string, string> = {
  unlock: '金币解锁剧集',
  purchase: '充值金币',
  refund: '退款',
  checkin: '签到奖励',
  renewal: '会员自动续费',
  membership: '开通会员',
  series: '购买全集',
  ad: '看广告免费解锁',
};

const signed = (n: number) => (n > 0 ? `+${n}` : `${n}`);

export function ledgerLabel(e: LedgerEntryView): LedgerLabel {
  let title = reasons[e.reason] ?? '账户变动';
  // Stopping renewal is a membership change that the cancel handler records with a `cancel:` ref.
  if (e.reason === 'membership' && e.ref.startsWith('cancel:')) title = '取消自动续费';
  if (e.reason === 'unlock' || e.reason === 'ad') {
    const episode = Number(e.ref.split('#')[1]);
    if (episode > 0) title = `${title} · 第 ${episode} 集`;
  }
  const total = e.coinsAfter + e.bonusAfter - (e.coinsBefore + e.bonusBefore);
  const bonus = e.bonusAfter - e.bonusBefore;
  return { title, delta: total === 0 ? '' : signed(total), detail: bonus !== 0 && bonus !== total ? `赠送 ${signed(bonus)}` : bonus !== 0 ? '赠送金币' : '' };
}
