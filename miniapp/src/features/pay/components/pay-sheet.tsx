import { useEffect } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { orderPageUrl } from '@/lib/routes';
import { useLatest } from '@/lib/use-latest';
import type { PayOrder } from '../hooks/use-pay-order';
import { SandboxCashier } from './sandbox-cashier';
import './pay-sheet.css';

export interface PaySheetProps {
  pay: PayOrder;
  /** `contained`: covers the nearest positioned ancestor (tab pages, where fixed would slide under H5's tab bar). */
  placement?: 'fixed' | 'contained';
  /** The main button once paid (default 完成, which closes). */
  doneLabel?: string;
  onDone?: () => void;
  /** Close by itself this long after success, so the page behind (a video) takes over. */
  autoCloseMs?: number;
}

/** The states of one purchase as a bottom sheet: creating, the cashier, confirming, done, failed. */
export function PaySheet({ pay, placement = 'fixed', doneLabel = '完成', onDone, autoCloseMs }: PaySheetProps) {
  const { state } = pay;
  const finish = () => {
    pay.reset();
    onDone?.();
  };
  // The timer starts when the purchase is done, not again at each render's new `finish`.
  const latestFinish = useLatest(finish);
  useEffect(() => {
    if (state.step !== 'done' || !autoCloseMs) return;
    const timer = setTimeout(() => latestFinish.current(), autoCloseMs);
    return () => clearTimeout(timer);
  }, [state.step, autoCloseMs, latestFinish]);

  if (state.step === 'idle') return null;
  const mask = `pay-mask pay-mask--${placement}`;

  // Only H5 draws a cashier of its own; tt and weapp show the platform's.
  if (process.env.TARO_ENV === 'h5' && state.step === 'awaiting' && state.cashier) {
    return (
      <View className={mask}>
        <SandboxCashier amountFen={state.amountFen} title={pay.title} onConfirm={pay.confirm} onCancel={pay.cancel} />
      </View>
    );
  }

  const orderId = 'orderId' in state ? state.orderId : state.step === 'done' ? state.order.orderId : undefined;
  return (
    // No tap-outside-to-close: the tap that answered the cashier would land on the new mask too.
    <View className={mask}>
      <View className={`pay-sheet pay-sheet--${state.step}`} role="dialog" aria-label="支付">
        {state.step === 'creating' && <Progress text="创建订单中…" />}
        {state.step === 'awaiting' && <Progress text="等待支付" detail="请在支付窗口完成付款" />}
        {state.step === 'confirming' && <Progress text="支付确认中…" detail="正在等待支付结果，请勿重复支付" />}
        {state.step === 'done' && (
          <>
            <View className="pay-sheet__icon pay-sheet__icon--ok">✓</View>
            <Text className="pay-sheet__text">支付成功</Text>
            <Text className="pay-sheet__detail">{pay.title} 已到账</Text>
            <Button role="button" className="pay-sheet__primary" onClick={finish}>
              {doneLabel}
            </Button>
          </>
        )}
        {(state.step === 'failed' || state.step === 'cancelled') && (
          <>
            <View className="pay-sheet__icon pay-sheet__icon--fail">!</View>
            <Text className="pay-sheet__text">{state.step === 'failed' ? '支付失败' : '已取消支付'}</Text>
            <Text className="pay-sheet__detail">{state.step === 'failed' ? state.message : '订单尚未支付，可以重新发起'}</Text>
            <Button role="button" className="pay-sheet__primary" onClick={pay.retry}>
              重试
            </Button>
            <View className="pay-sheet__row">
              {orderId && (
                <Button role="button" className="pay-sheet__secondary" onClick={() => Taro.navigateTo({ url: orderPageUrl(orderId) })}>
                  查看订单
                </Button>
              )}
              <Button role="button" className="pay-sheet__secondary" onClick={pay.reset}>
                关闭
              </Button>
            </View>
          </>
        )}
      </View>
    </View>
  );
}

function Progress({ text, detail }: { text: string; detail?: string }) {
  return (
    <View className="pay-sheet__progress" aria-busy="true">
      <View className="pay-sheet__spinner" />
      <Text className="pay-sheet__text">{text}</Text>
      {detail && <Text className="pay-sheet__detail">{detail}</Text>}
    </View>
  );
}
