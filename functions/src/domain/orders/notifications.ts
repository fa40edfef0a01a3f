import { DomainError, Unauthorized } from '../errors';
import type { PayProvider } from './order';
import { confirmPayment, failPayment, refundOrder, type SettlePorts } from './settle';

/**
 * A payment platform's notification after its adapter has verified it (signature, timestamp
 * window, app id) and read it into the one shape the domain knows. The adapters say which
 * platform signed it; settlement checks that the order was created for that platform.
 */
export type PaymentNotice =
  | { kind: 'paid'; orderId: string; amountFen: number; platformOrderId: string }
  | { kind: 'failed'; orderId: string; reason: string }
  | { kind: 'refunded'; orderId: string; amountFen: number }
  /** Verified, but nothing to do (an event we do not act on, a refund the platform reports as failed). */
  | { kind: 'ignored'; what: string };

export interface VerifiedNotification {
  by: PayProvider;
  /** The signed timestamp (epoch seconds) and nonce: together they are accepted once. */
  timestamp: number;
  nonce: string;
  notice: PaymentNotice;
}

/**
 * The record of (platform, timestamp, nonce) pairs already accepted. It need only outlive the
 * timestamp window (a pair outside it is refused anyway), so each record expires with it
 * (`expiresAtS`: DynamoDB's TTL in AWS, functions/local/expire.ts on dynalite).
 */
export interface NotificationReplays {
  /** Records the pair in one conditional write; false if it is already recorded. */
  claim(by: PayProvider, timestamp: number, nonce: string, expiresAtS: number): Promise<boolean>;
  /** Gives a claimed pair back after a failure of ours, so the platform's retry of that very request is heard. */
  release(by: PayProvider, timestamp: number, nonce: string): Promise<void>;
}

export interface NotificationPorts extends SettlePorts {
  replays: NotificationReplays;
  /** Accepted clock skew of notifications, in seconds (the adapters refuse timestamps outside it). */
  windowS: number;
}

/**
 * Acts on a verified notification once: a replayed (timestamp, nonce) pair is refused before
 * anything is read. A refusal of ours (a domain error: wrong platform, wrong amount, unknown order)
 * keeps the pair; a failure (the table unreachable) gives it back for the platform's retry.
 */
export async function receiveNotification(n: VerifiedNotification, ports: NotificationPorts): Promise<void> {
  if (!(await ports.replays.claim(n.by, n.timestamp, n.nonce, n.timestamp + ports.windowS + 1))) {
    throw new Unauthorized('notification replayed: this timestamp and nonce were accepted before');
  }
  try {
    const { notice } = n;
    switch (notice.kind) {
      case 'paid':
        await confirmPayment(notice.orderId, { amountFen: notice.amountFen, platformOrderId: notice.platformOrderId, by: n.by }, ports);
        break;
      case 'failed':
        await failPayment(notice.orderId, { reason: notice.reason, by: n.by }, ports);
        break;
      case 'refunded':
        await refundOrder(notice.orderId, { amountFen: notice.amountFen, by: n.by }, ports);
        break;
      case 'ignored':
        ports.log('notification ignored', { by: n.by, what: notice.what });
    }
  } catch (error) {
    if (!(error instanceof DomainError)) await ports.replays.release(n.by, n.timestamp, n.nonce).catch(() => undefined);
    throw error;
  }
}
