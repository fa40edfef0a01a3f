import { useEffect, useRef } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { OrderStatus, OrderView } from '@drama/shared/orders';
import { StateView } from '@/components/state-view/state-view';
import { getSeries } from '@/features/catalog/api/get-series';
import { useGetOrder } from '@/features/pay/api/get-order';
import { priceText, productText } from '@/features/pay/product-text';
import { dateTimeText } from '@/features/wallet/wallet-text';
import { seriesPageUrl } from '@/lib/routes';
import { useAsync } from '@/lib/use-async';
import './index.css';

const statusText: Record<OrderStatus, { title: string; detail: string }> = {
  pending: { title: '待支付', detail: '订单尚未支付；如已付款，结果可能稍有延迟' },
  paid: { title: '已支付', detail: '支付成功，正在发放' },
  granted: { title: '已到账', detail: '购买的内容已可使用' },
  refunded: { title: '已退款', detail: '款项已原路退回，购买的内容已收回' },
  failed: { title: '支付失败', detail: '订单未能完成支付' },
};

/** Refresh a pending or paid order this often while the page is open (its outcome may arrive later). */
const refreshMs = 2000;

/**
 * 订单详情 for `?orderId=`: status, product, amount, times. Also the page Douyin opens from its
 * order list (orderEntrySchema), so it must stand alone.
 */
export default function OrderPage() {
  const orderId = useRouter().params.orderId ?? '';
  const order = useGetOrder(orderId);
  // While it refreshes, the page keeps showing the last answer.
  const last = useRef<OrderView>();
  if (order.status === 'success') last.current = order.data;
  const shown = last.current;
  const settling = order.status === 'success' && (order.data.status === 'pending' || order.data.status === 'paid');
  const { reload } = order;
  useEffect(() => {
    if (!settling) return;
    const timer = setTimeout(reload, refreshMs);
    return () => clearTimeout(timer);
  }, [settling, order.data, reload]);

  if (!orderId) return <StateView kind="empty" text="没有指定订单" />;
  if (shown) return <OrderDetails order={shown} />;
  if (order.status === 'error') return <StateView kind="error" error={order.error} onRetry={order.reload} />;
  return <StateView kind="loading" />;
}

function OrderDetails({ order }: { order: OrderView }) {
  const seriesId = order.product.kind === 'series' ? order.product.seriesId : '';
  const series = useAsync(() => (seriesId ? getSeries(seriesId) : Promise.resolve(null)), [seriesId]);
  const title = productText(order.product, series.data?.series.title);
  const status = statusText[order.status];

  return (
    <View className="order-page">
      <View className={`order-page__status order-page__status--${order.status}`}>
        <Text className="order-page__state">{status.title}</Text>
        <Text className="order-page__detail">{status.detail}</Text>
      </View>
      <View className="order-page__card">
        <Row label="商品" value={title} />
        <Row label="金额" value={priceText(order.amountFen)} />
        <Row label="订单号" value={order.orderId} mono />
        <Row label="下单时间" value={dateTimeText(order.createdAt)} />
        {order.paidAt && <Row label="支付时间" value={dateTimeText(order.paidAt)} />}
        {order.grantedAt && <Row label="到账时间" value={dateTimeText(order.grantedAt)} />}
      </View>
      {order.status === 'granted' && seriesId && (
        <Button role="button" className="pill order-page__action" onClick={() => Taro.navigateTo({ url: seriesPageUrl(seriesId) })}>
          去观看
        </Button>
      )}
    </View>
  );
}

function Row({ label, value, mono }: { label: string; value: string; mono?: boolean }) {
  return (
    <View className="order-row">
      <Text className="order-row__label">{label}</Text>
      <Text className={`order-row__value${mono ? ' order-row__value--mono' : ''}`} userSelect>
        {value}
      </Text>
    </View>
  );
}
