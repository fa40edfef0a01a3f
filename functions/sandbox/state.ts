import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AdView } from './ads';
import type { PlayletState } from './playlet';
import type { SandboxContract } from './signing';
import type { VodState } from './vod';

/** The sandbox platform's own records, persisted as JSON so a restart loses no order or delivery. */
export interface SandboxOrder {
  outOrderNo: string;
  platform: 'douyin' | 'wechat';
  platformOrderId: string;
  amountFen: number;
  notifyUrl: string;
  status: 'created' | 'paid' | 'refunded';
  openId?: string;
  productId?: string;
  mode?: string;
  createdAt: string;
  paidAt?: string;
}

export interface Delivery {
  id: string;
  platform: 'douyin' | 'wechat';
  kind: 'payment' | 'refund' | 'playlet' | 'vod' | 'signing';
  /** The order, album, drama or contract it is about. */
  outOrderNo: string;
  url: string;
  /** The notification body as first built; signatures and timestamps are made fresh per attempt. */
  payload: Record<string, unknown>;
  attempts: Array<{ at: string; status: number | null; reply: string }>;
  nextAt: string | null;
  delivered: boolean;
  givenUp: boolean;
}

export interface InboxMessage {
  id: string;
  at: string;
  platform: 'douyin' | 'wechat';
  openId: string;
  templateId: string;
  title: string;
  body: string;
  page: string;
}

/** A conversion an ad platform's API received (巨量's conversion API, Douyin's playlet upload). */
export interface ConversionRecord {
  id: string;
  at: string;
  platform: 'oceanengine' | 'douyin_playlet';
  eventType: string;
  /** The ad click (the `callback` the landing URL carried). */
  callback: string;
  openId?: string;
  timestamp: number;
  /** False when the sandbox refused it as told by the test control (the API should retry). */
  accepted: boolean;
  body: Record<string, unknown>;
}

export interface SandboxState {
  orders: Record<string, SandboxOrder>;
  deliveries: Delivery[];
  inbox: InboxMessage[];
  conversions: ConversionRecord[];
  /** The ad network's completed views and their reward callbacks (ads.ts). */
  adViews?: AdView[];
  /** Douyin's playlet library and WeChat's media assets (going live). */
  playlet: PlayletState;
  vod: VodState;
  /** WeChat's membership subscriptions, by contract code. */
  contracts: Record<string, SandboxContract>;
  /** The reviewers' decision per drama title (default: approve). */
  reviewDecisions: Record<string, { decision: 'approve' | 'reject' | 'hold'; reason?: string }>;
}

export function loadState(dir: string): { state: SandboxState; save(): void } {
  const file = join(dir, 'state.json');
  const state: SandboxState = {
    orders: {},
    deliveries: [],
    inbox: [],
    conversions: [],
    playlet: { resources: [], albums: {} },
    vod: { materials: {}, tasks: {}, media: {}, dramas: {} },
    reviewDecisions: {},
    contracts: {},
    ...(existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {}),
  };
  return {
    state,
    // Write-then-rename so a crash never leaves half a file.
    save() {
      writeFileSync(`${file}.tmp`, JSON.stringify(state, null, 1));
      renameSync(`${file}.tmp`, file);
    },
  };
}
