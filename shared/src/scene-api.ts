import { z } from 'zod';
import { seriesIdSchema } from './catalog';
import { sceneActionCount, sceneActionSchema, sceneControlsSchema, sceneMaxReach, sceneViewSchema } from './scenes';
import { uploadKeySchema } from './uploads';

/** The viewer-facing scene routes (API.md, Scenes); the inference contract is in scenes.ts. */
export const createSceneInputSchema = z
  .object({
    source: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('upload'), key: uploadKeySchema }).strict(),
      z
        .object({
          kind: z.literal('frame'),
          seriesId: seriesIdSchema,
          episode: z.number().int().min(1).max(10_000),
          atS: z.number().min(0).max(24 * 3600),
        })
        .strict(),
    ]),
  })
  .strict();
export type CreateSceneInput = z.infer<typeof createSceneInputSchema>;

export const sceneOutputSchema = z.object({
  sceneId: z.string(),
  /** PNG data URL of the model's 64×64 frame: scale it up crisply (image-rendering: pixelated). */
  frame: z.string().startsWith('data:image/png;base64,'),
  step: z.number().int().nonnegative(),
  actions: z.literal(sceneActionCount),
  /** The d-pad: `[{action, name}]`, one a name of left, right, up, down, in, out; a stand-still is not listed. */
  controls: sceneControlsSchema,
  /** How far the view may go from where the scene started, in presses on each axis, and where it is now
   *  (scenes.ts `canPress` says which arrows are open). Absent for a scene made before scenes remembered. */
  reach: z.number().int().min(1).max(sceneMaxReach).optional(),
  view: sceneViewSchema.optional(),
});
export type SceneOutput = z.infer<typeof sceneOutputSchema>;

/**
 * `GET /scenes/{sceneId}`: the scene as the app polls it between presses. `ready` says the next frames are
 * precomputed; then `next` holds them, one a control, so the app paints a press's frame at once and
 * the press's `POST …/steps` commits the same frame (it takes the same precomputed branch).
 */
export const sceneStateSchema = sceneOutputSchema.extend({
  ready: z.boolean(),
  next: z.array(z.object({ action: sceneActionSchema, frame: z.string().startsWith('data:image/png;base64,') })).optional(),
});
export type SceneState = z.infer<typeof sceneStateSchema>;

export const sceneStepInputSchema = z.object({ action: sceneActionSchema }).strict();
export const sceneIdParamsSchema = z.object({ sceneId: z.string().regex(/^sc_[0-9a-f]{24}$/, 'not a scene id') });

export const sceneStepOutputSchema = z.object({
  frame: z.string().startsWith('data:image/png;base64,'),
  step: z.number().int().positive(),
  /** Whether the frame came from the batch computed before the press (zero wait). */
  precomputed: z.boolean(),
  /** Where the view is after the press (absent for a scene made before scenes remembered). */
  view: sceneViewSchema.optional(),
});
export type SceneStepOutput = z.infer<typeof sceneStepOutputSchema>;
