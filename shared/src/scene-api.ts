import { z } from 'zod';
import { seriesIdSchema } from './catalog';
import { sceneActionCount, sceneActionSchema } from './scenes';
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
});
export type SceneOutput = z.infer<typeof sceneOutputSchema>;

export const sceneStepInputSchema = z.object({ action: sceneActionSchema }).strict();
export const sceneIdParamsSchema = z.object({ sceneId: z.string().regex(/^sc_[0-9a-f]{24}$/, 'not a scene id') });

export const sceneStepOutputSchema = z.object({
  frame: z.string().startsWith('data:image/png;base64,'),
  step: z.number().int().positive(),
  /** Whether the frame came from the batch computed before the press (zero wait). */
  precomputed: z.boolean(),
});
export type SceneStepOutput = z.infer<typeof sceneStepOutputSchema>;
