import { sceneOutputSchema, type CreateSceneInput, type SceneOutput } from '@drama/shared/scene-api';
import { apiRequest } from '@/lib/api-client';

export type SceneSource = CreateSceneInput['source'];

/** POST /scenes: a new scene from a drama frame or an uploaded image (402 for a locked episode). */
export const createScene = (source: SceneSource): Promise<SceneOutput> =>
  apiRequest('/scenes', { method: 'POST', data: { source }, schema: sceneOutputSchema });
