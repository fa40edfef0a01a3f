import { Button, Text, View } from '@tarojs/components';
import { formatFen } from '@drama/shared/money';
import './sandbox-cashier.css';

export interface SandboxCashierProps {
  amountFen: number;
  title: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * H5 only: the sandbox's stand-in for Douyin's cashier sheet (the real one is drawn by the
 * platform). Light, like the platform's own sheet, so it reads as "not the app" over the dark UI.
 */
export function SandboxCashier({ amountFen, title, onConfirm, onCancel }: SandboxCashierProps) {
  const price = formatFen(amountFen);
  return (
    <View className="cashier" role="dialog" aria-label="收银台">
      <View className="cashier__head">
        <Button role="button" className="cashier__close" aria-label="关闭收银台" onClick={onCancel}>
          ×
        </Button>
        <Text className="cashier__brand">抖音支付</Text>
        <Text className="cashier__sandbox">沙箱</Text>
      </View>
      <View className="cashier__amount">
        <Text className="cashier__currency">¥</Text>
        <Text className="cashier__value">{price}</Text>
      </View>
      <Text className="cashier__title">{title}</Text>
      <View className="cashier__method">
        <Text>支付方式</Text>
        <Text className="cashier__method-value">沙箱余额（不会真实扣款）</Text>
      </View>
      <Button role="button" className="cashier__confirm" onClick={onConfirm}>
        确认支付
      </Button>
      <Button role="button" className="cashier__cancel" onClick={onCancel}>
        取消
      </Button>
    </View>
  );
}
