import { createHash, timingSafeEqual } from 'node:crypto';
import { adMinWatchS, type AdCallbackInput, type AdUnlockStatus } from '@drama/shared/ads';
import { decideEntitlement, unlockKey } from '@drama/shared/entitlement';
import type { CatalogReader } from '../catalog/catalog';
import { termsOf } from '../catalog/views';
import { Forbidden, NotFound, Unauthorized } from '../errors';
import { Conflict } from '../orders/create-order';
import { holdingsOf, type WalletStore } from '../wallet/wallet';
import type { AdTicket, AdTicketStore } from './tickets';

/**
 * Rewarded-ad unlocks, part two: proof redeems a ticket, once, and the unlock is a wallet grant like
 * a coin unlock (one conditional write of the wallet with its ledger row, idempotent by the ticket).
 *
 * - The ad network's callback proves a view: its `sign` (SHA-256 over the app security key and
 *   `trans_id`) is checked first; `trans_id` binds to one ticket for good (the signature covers only
 *   it, so a captured callback cannot be pointed at another ticket), `user_id` must be the ticket's
 *   viewer, and the ticket must be unexpired. A repeat of the same callback (the network retries until
 *   it reads `isValid: true`) grants nothing more.
 * - The client's report proves nothing by itself: it redeems only tickets whose viewer's platform has
 *   no server callback (tickets.ts proofFor), no sooner than the ad's minimum length after the ticket
 *   was issued, and only within the daily cap the ticket was counted against.
 * Redeeming and granting are two writes: a crash between them is finished by the next delivery of
 * the callback or the next report (the redeemed ticket grants, idempotently).
 */
export interface RedeemPorts {
  tickets: AdTicketStore;
  wallets: WalletStore;
  catalog: CatalogReader;
  /** The app security key the ad network signs callbacks with (AD_SECURITY_KEY). */
  securityKey: string;
  now: () => Date;
  log: (message: string, fields: Record<string, unknown>) => void;
}

/** Pangle/穿山甲-style: hex SHA-256 of "<security key>:<trans_id>" (the layout is our reading, unconfirmed). */
export function callbackSign(securityKey: string, transId: string): string {
  return createHash('sha256').update(`${securityKey}:${transId}`).digest('hex');
}

function signValid(input: AdCallbackInput, securityKey: string): boolean {
  if (!securityKey) return false;
  const expected = Buffer.from(callbackSign(securityKey, input.trans_id), 'hex');
  const given = Buffer.from(input.sign.toLowerCase(), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The grant: the ticket's episode unlocked for its viewer, idempotent by the ticket id. */
async function grant(ticket: AdTicket, ports: RedeemPorts): Promise<AdUnlockStatus> {
  const series = await ports.catalog.getSeries(ticket.seriesId);
  if (!series) throw new NotFound(`no series ${ticket.seriesId}`);
  const key = unlockKey(ticket.seriesId, ticket.episode);
  await ports.wallets.apply(ticket.userId, `ad:${ticket.ticketId}`, (current, now) => {
    // Bought in the meantime: the ad grants nothing more (and its slot stays counted).
    if (decideEntitlement(termsOf(series), ticket.episode, holdingsOf(current), now).entitled) return null;
    return { wallet: { ...current, unlocked: new Set([...current.unlocked, key]) }, reason: 'ad', ref: key, note: `ad ticket ${ticket.ticketId}` };
  });
  return { ticketId: ticket.ticketId, status: 'unlocked', seriesId: ticket.seriesId, episode: ticket.episode };
}

async function redeemAndGrant(ticket: AdTicket, transId: string, ports: RedeemPorts): Promise<AdUnlockStatus> {
  const redeemed = await ports.tickets.redeem(ticket.ticketId, transId, ports.now());
  if (redeemed === 'refused') {
    const now = ports.now();
    throw new Conflict(Date.parse(ticket.expiresAt) <= now.getTime() && ticket.status === 'issued' ? 'the ad ticket expired: ask for a new one' : 'the ad ticket was already used');
  }
  ports.log(redeemed === 'already' ? 'ad ticket redeemed before' : 'ad ticket redeemed', { ticketId: ticket.ticketId, userId: ticket.userId, transId });
  return grant(ticket, ports);
}

/** POST /ads/callback: the ad network's signed reward callback. */
export async function redeemAdCallback(input: AdCallbackInput, ports: RedeemPorts): Promise<AdUnlockStatus> {
  if (!signValid(input, ports.securityKey)) throw new Unauthorized('the callback signature does not verify');
  const ticket = await ports.tickets.get(input.extra);
  if (!ticket) throw new NotFound('no such ad ticket');
  if (input.user_id && input.user_id !== ticket.userId) throw new Forbidden('the ad ticket belongs to another viewer');
  if (!(await ports.tickets.bindTransaction(input.trans_id, ticket.ticketId))) throw new Conflict('this transaction already redeemed another ticket');
  return redeemAndGrant(ticket, input.trans_id, ports);
}

/**
 * POST /ads/unlocks/{ticketId}/complete: the app says the ad ended. Redeems a client-proof ticket
 * (no earlier than the ad's minimum length after issue); for a callback-proof ticket it says whether
 * the network's callback has redeemed it yet (`pending` until then).
 */
export async function completeAdUnlock(ticketId: string, userId: string, ports: RedeemPorts): Promise<AdUnlockStatus> {
  const ticket = await ports.tickets.get(ticketId);
  // Another viewer's ticket is answered as if it did not exist.
  if (!ticket || ticket.userId !== userId) throw new NotFound('no such ad ticket');
  if (ticket.status === 'redeemed') return grant(ticket, ports);
  const now = ports.now();
  if (Date.parse(ticket.expiresAt) <= now.getTime()) throw new Conflict('the ad ticket expired: ask for a new one');
  if (ticket.proof === 'callback') return { ticketId, status: 'pending', seriesId: ticket.seriesId, episode: ticket.episode };
  const earliest = Date.parse(ticket.issuedAt) + adMinWatchS * 1000;
  if (now.getTime() < earliest) throw new Conflict(`the ad lasts at least ${adMinWatchS} s: finish watching it first`);
  return redeemAndGrant(ticket, `client:${ticketId}`, ports);
}
