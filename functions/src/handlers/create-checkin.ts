import { checkIn } from '../domain/habits/checkin';
import { json, route } from '../lib/http';
import { clock, events, wallets } from '../wiring/ports';

export const handler = route({ auth: 'required' }, async ({ caller }) => {
  const output = await checkIn(caller.userId, { wallets, now: clock });
  if (!output.already) await events.record({ kind: 'checkin', userId: caller.userId, streak: output.streak });
  return json(200, output);
});
