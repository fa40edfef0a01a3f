import { sceneStepOutputSchema, type SceneStepOutput } from '@drama/shared/scene-api';
import { apiRequest } from '@/lib/api-client';

/** POST /scenes/{id}/steps: press one of the 8 actions; 409 when two presses race. */
export const stepScene = (sceneId: string, action: number): Promise<SceneStepOutput> =>
  apiRequest(`/scenes/${encodeURIComponent(sceneId)}/steps`, { method: 'POST', data: { action }, schema: sceneStepOutputSchema });
