import { createSign, randomBytes } from 'node:crypto';
import type { RenewalCharger } from '../../domain/membership/renew';
import { config } from '../../lib/config';
import { secretsFor } from '../../lib/secrets';

/**
 * Douyin's signed-deduction call for auto-renewal (签约代扣). The path and the reply layout are the
 * best reading we have (unconfirmed, see PLATFORM.md): OpenAPI calls carry `Byte-Authorization`,
 * SHA256withRSA over "POST\n{uri}\n{ts}\n{nonce}\n{body}\n" with the app private key.
 */
export const deductionPath = '/api/trade_auth/v1/developer/create_sign_pay';

const keys = /* @__PURE__ */ secretsFor('DOUYIN_APP_ID', 'DOUYIN_APP_PRIVATE_KEY');

export function douyinDeduction(): RenewalCharger {
  return {
    async charge(order) {
      const c = config();
      const { DOUYIN_APP_ID, DOUYIN_APP_PRIVATE_KEY } = keys();
      const body = JSON.stringify({
        out_pay_order_no: order.orderId,
        total_amount: order.amountFen,
        user_id: order.userId,
        notify_url: `${c.apiPublicUrl}/pay/douyin/notify`,
      });
      const timestamp = Math.floor(Date.now() / 1000);
      const nonce = randomBytes(16).toString('hex');
      const signature = createSign('RSA-SHA256').update(`POST\n${deductionPath}\n${timestamp}\n${nonce}\n${body}\n`).sign(DOUYIN_APP_PRIVATE_KEY, 'base64');
      const base = c.platformMode === 'sandbox' ? c.sandboxUrl : 'https://open.douyin.com';
      try {
        const response = await fetch(`${base}${deductionPath}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'Byte-Authorization': `SHA256-RSA2048 appid=${DOUYIN_APP_ID},nonce_str=${nonce},timestamp=${timestamp},key_version=${c.douyin.keyVersion},signature=${signature}`,
          },
          body,
          signal: AbortSignal.timeout(5000),
        });
        const reply = (await response.json()) as { err_no: number; err_msg?: string; data?: { pay_order_id?: string } };
        if (reply.err_no === 0 && reply.data?.pay_order_id) return { ok: true, platformOrderId: reply.data.pay_order_id };
        // Contract cancelled or revoked by the user: retrying cannot help.
        return { ok: false, reason: reply.err_msg ?? `err_no ${reply.err_no}`, permanent: reply.err_no === 21003 };
      } catch (error) {
        return { ok: false, reason: (error as Error).message, permanent: false };
      }
    },
  };
}
