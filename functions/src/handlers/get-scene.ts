import { sceneIdParamsSchema } from '@drama/shared/scene-api';
import { viewScene } from '../domain/scenes/scene';
import { json, route } from '../lib/http';
import { scenePorts } from '../wiring/scene-ports';

/** The scene's current frame, whether the next batch is ready (the app shows it as "ready"), and then its frames.
 *  Reading a stored scene needs the store only, not the model (this function's role has no InvokeEndpoint). */
export const handler = route({ auth: 'required', params: sceneIdParamsSchema }, async ({ caller, params }) =>
  json(200, await viewScene(params.sceneId, caller.userId, { scenes: scenePorts.scenes }), { 'cache-control': 'no-store' }),
);
