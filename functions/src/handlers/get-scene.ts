import { sceneIdParamsSchema } from '@drama/shared/scene-api';
import { sceneActionCount } from '@drama/shared/scenes';
import { Forbidden, NotFound } from '../domain/errors';
import { json, route } from '../lib/http';
import { scenePorts } from '../lib/scene-ports';

/** The scene's current frame and whether the next batch is ready (the app shows it as "ready"). */
export const handler = route({ auth: 'required', params: sceneIdParamsSchema }, async ({ caller, params }) => {
  const scene = await scenePorts.scenes.view(params.sceneId);
  if (!scene) throw new NotFound(`no scene ${params.sceneId}`);
  if (scene.owner !== caller.userId) throw new Forbidden("only the scene's owner can see it");
  return json(200, { sceneId: scene.sceneId, frame: scene.frame, step: scene.step, actions: sceneActionCount, ready: scene.ready }, { 'cache-control': 'no-store' });
});
