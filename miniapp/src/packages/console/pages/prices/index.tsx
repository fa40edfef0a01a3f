import { useEffect, useState } from 'react';
import type { CoinPack, MembershipPlan } from '@drama/shared/products';
import { StateView } from '@/components/state-view/state-view';
import { errorText } from '@/lib/error-text';
import { putProducts, useAdminProducts } from '@/features/console/api/admin-products';
import { Card, ConsoleNav } from '@/features/console/components/console-nav';
import { useOperatorGate } from '@/features/console/use-operator-gate';
import '@/features/console/components/console.css';

type PackRow = { packId: string; yuan: string; coins: string; bonusCoins: string; bonusDays: string };
const rowOf = (p: CoinPack): PackRow => ({ packId: p.packId, yuan: (p.priceFen / 100).toFixed(2), coins: String(p.coins), bonusCoins: String(p.bonusCoins), bonusDays: String(p.bonusDays) });

/** Coin packs and membership prices: the server prices every order from what is saved here. */
export default function ConsolePricesPage() {
  const signedIn = useOperatorGate();
  const products = useAdminProducts();
  const [packs, setPacks] = useState<PackRow[]>([]);
  const [plans, setPlans] = useState<Array<{ plan: MembershipPlan; title: string; yuan: string }>>([]);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  // The form starts from each answer the server gives (the first load, and a retry).
  const loaded = products.status === 'success' ? products.data : undefined;
  useEffect(() => {
    if (!loaded) return;
    setPacks(loaded.coinPacks.map(rowOf));
    setPlans(loaded.memberships.map((m) => ({ plan: m.plan, title: m.title, yuan: (m.priceFen / 100).toFixed(2) })));
  }, [loaded]);

  if (!signedIn) return null;
  if (products.status === 'loading') return <StateView kind="loading" />;
  if (products.status === 'error') return <StateView kind="error" error={products.error} onRetry={products.reload} />;

  const setPack = (i: number, key: keyof PackRow, value: string) => setPacks(packs.map((p, j) => (j === i ? { ...p, [key]: value } : p)));
  const save = async () => {
    setBusy(true);
    setMessage(null);
    try {
      await putProducts({
        coinPacks: packs.map((p) => ({ packId: p.packId, priceFen: Math.round(Number(p.yuan) * 100), coins: Number(p.coins), bonusCoins: Number(p.bonusCoins), bonusDays: Number(p.bonusDays) })),
        memberships: plans.map((m) => ({ plan: m.plan, priceFen: Math.round(Number(m.yuan) * 100) })),
      });
      setMessage({ ok: true, text: '价格已保存' });
    } catch (e) {
      setMessage({ ok: false, text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="console">
      <ConsoleNav current="prices" />
      <div className="console__body">
        <Card
          title="金币包"
          aside={
            <button type="button" className="console-button console-button--quiet" onClick={() => setPacks([...packs, { packId: `coins-${Date.now() % 100000}`, yuan: '1.00', coins: '100', bonusCoins: '0', bonusDays: '0' }])}>
              添加
            </button>
          }
        >
          <table className="console-table">
            <thead>
              <tr>
                <th>ID</th>
                <th>价格（元）</th>
                <th>金币</th>
                <th>赠送</th>
                <th>赠送有效天数</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {packs.map((p, i) => (
                <tr key={i}>
                  <td>
                    <input aria-label={`金币包 ${i + 1} ID`} value={p.packId} onChange={(e) => setPack(i, 'packId', e.target.value)} />
                  </td>
                  <td>
                    <input aria-label={`${p.packId} 价格`} type="number" step="0.01" value={p.yuan} onChange={(e) => setPack(i, 'yuan', e.target.value)} />
                  </td>
                  <td>
                    <input aria-label={`${p.packId} 金币`} type="number" value={p.coins} onChange={(e) => setPack(i, 'coins', e.target.value)} />
                  </td>
                  <td>
                    <input aria-label={`${p.packId} 赠送`} type="number" value={p.bonusCoins} onChange={(e) => setPack(i, 'bonusCoins', e.target.value)} />
                  </td>
                  <td>
                    <input aria-label={`${p.packId} 赠送天数`} type="number" value={p.bonusDays} onChange={(e) => setPack(i, 'bonusDays', e.target.value)} />
                  </td>
                  <td>
                    <button type="button" className="console-chip" disabled={packs.length <= 1} onClick={() => setPacks(packs.filter((_, j) => j !== i))}>
                      删除
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
        <Card title="会员价格">
          <table className="console-table">
            <tbody>
              {plans.map((m, i) => (
                <tr key={m.plan}>
                  <td>{m.title}</td>
                  <td>
                    <input aria-label={`${m.title} 价格`} type="number" step="0.01" value={m.yuan} onChange={(e) => setPlans(plans.map((x, j) => (j === i ? { ...x, yuan: e.target.value } : x)))} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="console-actions">
            <button type="button" className="console-button" disabled={busy} onClick={() => void save()}>
              {busy ? '保存中…' : '保存价格'}
            </button>
          </div>
          {message && (
            <p className={message.ok ? 'console-ok' : 'console-error'} role={message.ok ? 'status' : 'alert'}>
              {message.text}
            </p>
          )}
        </Card>
      </div>
    </div>
  );
}
