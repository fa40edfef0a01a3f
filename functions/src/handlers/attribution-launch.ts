import { attributionLaunchInputSchema } from '@drama/shared/attribution';
import { recordLaunch } from '../domain/attribution/attribution';
import { json, route } from '../lib/http';
import { attributionPorts } from '../wiring/attribution-ports';

/** What the app was launched with: a launch event, a reminder open, and the ad click for later conversions. */
export const handler = route({ auth: 'required', body: attributionLaunchInputSchema }, async ({ caller, body }) =>
  json(200, await recordLaunch(caller.userId, body, attributionPorts)),
);
