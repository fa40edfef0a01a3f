import { sceneOutputSchema, type SceneOutput } from '@drama/shared/scene-api';
import { apiRequest } from '@/lib/api-client';
import { guardSchema, isRecord } from '@/lib/guard-schema';

export type SceneState = SceneOutput & { ready: boolean };

/** The shared schema covers the scene; this answer adds `ready` (all 8 next frames precomputed). */
const sceneStateSchema = guardSchema('a scene state', (v): v is SceneState => sceneOutputSchema.safeParse(v).success && isRecord(v) && typeof v.ready === 'boolean');

/** GET /scenes/{id}: the current frame and whether the next frames are ready. */
export const getScene = (sceneId: string): Promise<SceneState> =>
  apiRequest(`/scenes/${encodeURIComponent(sceneId)}`, { schema: sceneStateSchema });
