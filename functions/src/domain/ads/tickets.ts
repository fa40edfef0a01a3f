import { randomBytes } from 'node:crypto';
import { adMinWatchS, adTicketTtlS, type AdProof, type AdTicket as AdTicketView, type CreateAdUnlockInput } from '@drama/shared/ads';
import { shanghaiDate } from '@drama/shared/calendar';
import { adDailyCapOf, decideEntitlement } from '@drama/shared/entitlement';
import { releasedEpisodes, type CatalogReader } from '../catalog/catalog';
import { termsOf } from '../catalog/views';
import { NotFound, RateLimited } from '../errors';
import { Conflict } from '../orders/create-order';
import type { HoldingsReader } from '../playback/play';

/**
 * Rewarded-ad unlocks, part one: the ticket. A viewer asks to unlock a locked episode by watching an
 * ad; the server issues a one-time ticket bound to the viewer and the episode, and counts it against
 * the viewer's daily cap for the series in one conditional write on a counter item (never read, then
 * written: concurrent requests cannot pass the cap). Asking again for the same episode while its
 * ticket is still good hands back that ticket and takes no second slot. How a ticket is redeemed
 * (redeem.ts) is fixed here, by the viewer's platform, never by the client.
 */
export interface AdTicket {
  ticketId: string;
  userId: string;
  seriesId: string;
  episode: number;
  proof: AdProof;
  issuedAt: string;
  expiresAt: string;
  status: 'issued' | 'redeemed';
  /** The ad network's transaction that redeemed it (`client:<ticketId>` for the client path). */
  transId?: string;
  redeemedAt?: string;
}

export type ClaimResult = { kind: 'claimed'; used: number } | { kind: 'open'; ticketId: string; used: number } | { kind: 'capped' };

export interface AdTicketStore {
  /**
   * One conditional write on the viewer's counter for the series and Shanghai day: takes a slot and
   * records `ticketId` as the episode's open ticket, unless the cap is reached (`capped`) or an
   * unexpired ticket for the episode is already out (`open`, no slot taken).
   */
  claim(slot: { userId: string; seriesId: string; day: string; episode: number; cap: number }, ticket: { ticketId: string; expiresAt: string }, now: Date): Promise<ClaimResult>;
  /** Stores a ticket once (a repeat with the same id changes nothing). */
  put(ticket: AdTicket): Promise<void>;
  get(ticketId: string): Promise<AdTicket | undefined>;
  /**
   * issued → redeemed by `transId` while unexpired at `now`, in one conditional write. `already`:
   * it was redeemed by this same `transId` before; `refused`: by another, or it expired.
   */
  redeem(ticketId: string, transId: string, now: Date): Promise<'redeemed' | 'already' | 'refused'>;
  /** Binds the ad network's transaction id to one ticket, once: false when it already names another. */
  bindTransaction(transId: string, ticketId: string): Promise<boolean>;
}

export interface ViewerPlatforms {
  identityOf(userId: string): Promise<{ platform: string } | undefined>;
}

export interface TicketPorts {
  catalog: CatalogReader;
  holdings: HoldingsReader;
  tickets: AdTicketStore;
  viewers: ViewerPlatforms;
  /** The ad unit the app shows. */
  adUnitId: string;
  now: () => Date;
}

/**
 * Which proof redeems a viewer's tickets: WeChat's rewarded video gives the mini-program only the
 * client's `isEnded` flag, so its viewers' tickets are redeemed by the client's report (after the
 * ad's minimum length); Douyin's (穿山甲-served; its server callback for mini-programs is our
 * reading, unconfirmed) and the sandbox's ad network call back signed, server to server.
 */
export const proofFor = (platform: string | undefined): AdProof => (platform === 'wechat' ? 'client' : 'callback');

export const newTicketId = () => `at_${randomBytes(16).toString('hex')}`;

function view(ticket: AdTicket, adUnitId: string, cap: number, used: number): AdTicketView {
  return {
    ticketId: ticket.ticketId,
    adUnitId,
    expiresAt: ticket.expiresAt,
    proof: ticket.proof,
    completeAfter: new Date(Date.parse(ticket.issuedAt) + adMinWatchS * 1000).toISOString(),
    dailyLeft: Math.max(0, cap - used + 1),
  };
}

/** POST /ads/unlocks: a ticket for a locked episode, within the viewer's daily cap for the series. */
export async function requestAdUnlock(input: CreateAdUnlockInput, userId: string, ports: TicketPorts): Promise<AdTicketView> {
  const series = await ports.catalog.getSeries(input.seriesId);
  if (!series || !series.published) throw new NotFound(`no series ${input.seriesId}`);
  const now = ports.now();
  if (!releasedEpisodes(series, now).some((e) => e.index === input.episode)) throw new NotFound(`series ${input.seriesId} has no episode ${input.episode}`);
  const cap = adDailyCapOf(series);
  if (cap <= 0) throw new Conflict('this series has no ad unlocks');
  if (decideEntitlement(termsOf(series), input.episode, await ports.holdings.holdingsOf(userId), now).entitled) throw new Conflict('this episode already plays for you');

  const proof = proofFor((await ports.viewers.identityOf(userId))?.platform);
  const slot = { userId, seriesId: series.id, day: shanghaiDate(now), episode: input.episode, cap };
  const fresh: AdTicket = {
    ticketId: newTicketId(),
    userId,
    seriesId: series.id,
    episode: input.episode,
    proof,
    issuedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + adTicketTtlS * 1000).toISOString(),
    status: 'issued',
  };
  const claim = await ports.tickets.claim(slot, fresh, now);
  if (claim.kind === 'capped') throw new RateLimited(`at most ${cap} ad unlocks of this series a day: come back tomorrow`);
  if (claim.kind === 'open') {
    // The counter names it, so it was stored unless a crash came between the two writes: store it then.
    const open = (await ports.tickets.get(claim.ticketId)) ?? { ...fresh, ticketId: claim.ticketId };
    if (open.userId !== userId) throw new Error(`ad counter of ${userId} names ticket ${claim.ticketId} of another viewer`);
    await ports.tickets.put(open);
    return view(open, ports.adUnitId, cap, claim.used);
  }
  await ports.tickets.put(fresh);
  return view(fresh, ports.adUnitId, cap, claim.used);
}
