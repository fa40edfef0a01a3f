import { createSceneInputSchema } from '@drama/shared/scene-api';
import { createScene } from '../domain/scenes/scene';
import { json, route } from '../lib/http';
import { events } from '../wiring/ports';
import { scenePorts } from '../wiring/scene-ports';

/** A playable scene from an uploaded image or a frame of an episode the caller may watch. */
export const handler = route({ auth: 'required', body: createSceneInputSchema }, async ({ caller, body }) =>
  json(201, await createScene(body, caller.userId, scenePorts).then(async (scene) => (await events.record({ kind: 'scene_played', userId: caller.userId }), scene))),
);
