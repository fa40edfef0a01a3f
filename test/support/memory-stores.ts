import type { AnalyticsEvent } from '@drama/shared/events';
import type { AdTicket, AdTicketStore } from '../../functions/src/domain/ads/tickets';
import type { EventSink } from '../../functions/src/domain/events/events';
import type { ConsentLedger, ConsentStore } from '../../functions/src/domain/reminders/consents';
import { emptyLedger, allows } from '../../functions/src/domain/reminders/consents';
import { decideChange, emptyWallet, type LedgerEntry, type Wallet, type WalletStore } from '../../functions/src/domain/wallet/wallet';

/**
 * In-memory stores with the ports' semantics, for pure domain tests (no AWS SDK mocks). Like the
 * DynamoDB adapters they only persist what the domain decided (`decideChange` for the wallet).
 */
export function memoryWallets(now: () => Date): WalletStore & { entries: LedgerEntry[] } {
  const wallets = new Map<string, Wallet>();
  const applied = new Set<string>();
  const entries: LedgerEntry[] = [];
  return {
    entries,
    async get(userId) {
      return wallets.get(userId) ?? emptyWallet(userId);
    },
    async apply(userId, opId, change) {
      const current = wallets.get(userId) ?? emptyWallet(userId);
      if (applied.has(`${userId}:${opId}`)) return { wallet: current, replayed: true };
      const decided = decideChange(current, opId, change, now());
      if (!decided) return { wallet: current, replayed: false };
      wallets.set(userId, decided.wallet);
      applied.add(`${userId}:${opId}`);
      entries.push(decided.entry);
      return { wallet: decided.wallet, replayed: false };
    },
    async ledger() {
      return entries;
    },
  };
}

/** The analytics stream: what was recorded, a `once` key writing nothing the second time. */
export function memoryEvents(): EventSink & { recorded: Array<Omit<AnalyticsEvent, 'at'> & { at?: string }> } {
  const recorded: Array<Omit<AnalyticsEvent, 'at'> & { at?: string }> = [];
  const keys = new Set<string>();
  return {
    recorded,
    async record(event, once) {
      if (once !== undefined && keys.has(once)) return;
      if (once !== undefined) keys.add(once);
      recorded.push(event);
    },
  };
}

export function memoryConsents(): ConsentStore & { ledgers: Map<string, ConsentLedger> } {
  const ledgers = new Map<string, ConsentLedger>();
  return {
    ledgers,
    async get(userId) {
      return ledgers.get(userId) ?? emptyLedger();
    },
    async update(userId, change) {
      const { ledger, result } = change(ledgers.get(userId) ?? emptyLedger());
      if (ledger) ledgers.set(userId, ledger);
      return result;
    },
    async candidates(kind) {
      return [...ledgers.entries()].filter(([, l]) => allows(l, kind)).map(([id]) => id);
    },
  };
}

/** Ad tickets, daily counters and transaction bindings with the store's conditional semantics. */
export function memoryAdTickets(): AdTicketStore & { tickets: Map<string, AdTicket> } {
  const tickets = new Map<string, AdTicket>();
  const counters = new Map<string, { used: number; open: Map<number, { ticketId: string; expiresAt: string }> }>();
  const transactions = new Map<string, string>();
  return {
    tickets,
    async claim(slot, ticket, now) {
      const key = `${slot.userId}|${slot.day}|${slot.seriesId}`;
      const counter = counters.get(key) ?? { used: 0, open: new Map() };
      counters.set(key, counter);
      const open = counter.open.get(slot.episode);
      if (open && open.expiresAt > now.toISOString()) return { kind: 'open', ticketId: open.ticketId, used: counter.used };
      if (counter.used >= slot.cap) return { kind: 'capped' };
      counter.used++;
      counter.open.set(slot.episode, { ticketId: ticket.ticketId, expiresAt: ticket.expiresAt });
      return { kind: 'claimed', used: counter.used };
    },
    async put(ticket) {
      if (!tickets.has(ticket.ticketId)) tickets.set(ticket.ticketId, { ...ticket });
    },
    async get(ticketId) {
      const ticket = tickets.get(ticketId);
      return ticket && { ...ticket };
    },
    async redeem(ticketId, transId, now) {
      const ticket = tickets.get(ticketId);
      if (ticket?.status === 'issued' && ticket.expiresAt > now.toISOString()) {
        Object.assign(ticket, { status: 'redeemed', transId, redeemedAt: now.toISOString() });
        return 'redeemed';
      }
      return ticket?.status === 'redeemed' && ticket.transId === transId ? 'already' : 'refused';
    },
    async bindTransaction(transId, ticketId) {
      const bound = transactions.get(transId);
      if (bound && bound !== ticketId) return false;
      transactions.set(transId, ticketId);
      return true;
    },
  };
}
