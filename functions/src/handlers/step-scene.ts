import { sceneIdParamsSchema, sceneStepInputSchema } from '@drama/shared/scene-api';
import { stepScene } from '../domain/scenes/scene';
import { json, route } from '../lib/http';
import { scenePorts } from '../wiring/scene-ports';

/** One press of a latent action: the precomputed frame when ready, and the next batch starts. */
export const handler = route({ auth: 'required', params: sceneIdParamsSchema, body: sceneStepInputSchema }, async ({ caller, params, body }) =>
  json(200, await stepScene(params.sceneId, body.action, caller.userId, scenePorts), { 'cache-control': 'no-store' }),
);
