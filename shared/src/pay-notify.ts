import { z } from 'zod';

/**
 * The payment platforms' notifications (API.md, Money; PLATFORM.md §2 and §4): the bodies read from
 * them and the replies they take as "delivered" (anything else is retried on their schedule).
 */

/** Douyin's payment and refund callback: `{"msg": "<json string>", "type": "payment", "version": "3.0"}`. */
export const douyinCallbackSchema = z.object({ type: z.enum(['payment', 'refund']), msg: z.string() });

/** `msg`, parsed: an object; what each type must hold is read from it by the schemas below. */
export const douyinMsgSchema = z.record(z.unknown());

/**
 * A payment's `msg` (documented: app_id, out_order_no, order_id, status SUCCESS|CANCEL, total_amount,
 * discount_amount, pay_channel, channel_pay_id, cp_extra, item_id): the fields the order needs.
 * `status` and `order_id` are kept as sent: anything but SUCCESS fails the order, with its text.
 */
export const douyinPaymentMsgSchema = z.object({
  app_id: z.string().optional(),
  out_order_no: z.string(),
  total_amount: z.number().int(),
  order_id: z.unknown(),
  status: z.unknown(),
});
export type DouyinPaymentMsg = z.infer<typeof douyinPaymentMsgSchema>;

/**
 * A successful refund's `msg` (documented: status SUCCESS|FAIL, order_id, refund_id, out_refund_no,
 * refund_total_amount, cp_extra): the order is `out_order_no`, or `cp_extra` where that is absent.
 */
export const douyinRefundMsgSchema = z
  .object({ out_order_no: z.unknown(), cp_extra: z.unknown(), refund_total_amount: z.unknown() })
  .transform((msg) => ({ orderId: msg.out_order_no ?? msg.cp_extra, amountFen: msg.refund_total_amount }))
  .pipe(z.object({ orderId: z.string().min(1), amountFen: z.number().int() }));

/** The reply Douyin takes as delivered (payment, refund and playlet library callbacks alike). */
export const douyinAckSchema = z.object({ err_no: z.literal(0), err_tips: z.string() });

/** The reply WeChat's message push takes as delivered. */
export const wechatAckSchema = z.object({ ErrCode: z.literal(0), ErrMsg: z.string() });
