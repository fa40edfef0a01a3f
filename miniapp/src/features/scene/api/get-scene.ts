import { sceneStateSchema, type SceneState } from '@drama/shared/scene-api';
import { apiRequest } from '@/lib/api-client';

export type { SceneState };

/** GET /scenes/{id}: the current frame, whether the next frames are ready, and then those frames (one a control). */
export const getScene = (sceneId: string): Promise<SceneState> =>
  apiRequest(`/scenes/${encodeURIComponent(sceneId)}`, { schema: sceneStateSchema });
