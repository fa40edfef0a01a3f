import { z } from 'zod';

/**
 * The inference contract of interactive AI scenes: the body of `POST /invocations` on the world-model
 * server (models/runtime/server.ts) and its answers. The server is stateless: the caller (the scenes
 * functions) keeps a scene's token history and sends its recent frames with every step.
 *
 *   encode  {op:'encode', image:{width, height, rgb}}                    -> {tokens, frame, controls}
 *   step    {op:'step', tokens:[frame…], actions:[a…], seed, steps?, temperature?}
 *                                                                        -> {branches:[{action, tokens, frame}…]}
 *
 * `rgb` is base64 of width*height*3 bytes, row-major RGB. A frame is the model's 64×64 picture, both as
 * raw RGB and as a PNG data URL (what an <Image> or an S3 object wants). The sizes below are the
 * model's; the runtime checks them against models/artifacts/*.json when it loads, so a retrained model
 * with other sizes fails at start-up, not in a request.
 */

/** Side of the model's square frame, in pixels (models/world/tokenizer.py). */
export const sceneFrameSize = 64;
/** Tokens per frame: a 16×16 grid, flattened row-major. */
export const sceneTokensPerFrame = 256;
/** Codes of the tokenizer's FSQ codebook (8 digits of 8 levels, 24 bits): a token is an integer in [0, sceneCodebookSize). */
export const sceneCodebookSize = 16_777_216;
/** Latent actions: an action is an integer in [0, sceneActionCount); all of them is the 8-branch batch. */
export const sceneActionCount = 8;
/** Past frames the dynamics model conditions on; a step takes 1 to this many, most recent last. */
export const sceneContextLength = 4;
/** MaskGIT refinements per step unless the request says otherwise (dynamics.json `config.steps`). */
export const sceneDefaultSteps = 4;
export const sceneMaxSteps = 16;
/** Sampling temperature unless the request says otherwise: the model's (dynamics.json `config.temperature`,
 *  chosen after training on validation clips and measured in models/REPORT.md; the runtime refuses artifacts
 *  that say otherwise). 0 is greedy: the most likely digits. */
export const sceneDefaultTemperature = 0;
export const sceneMaxTemperature = 2;
/** Largest side of an image to encode; it is centre-cropped and resampled to 64×64 anyway. */
export const sceneMaxImageSide = 1024;
/** Largest request body: SageMaker's real-time payload limit (6 MB), which a 1024×1024 image fits. */
export const sceneMaxRequestBytes = 6 * 1024 * 1024;

const base64Pattern = /^[A-Za-z0-9+/]*$/; // no padding: 3 bytes a pixel

/** Raw RGB: width*height*3 bytes, base64. Its length is exactly 4*width*height (3 bytes per pixel -> 4
 *  characters, never padded), so the size is checked without decoding. */
export const rgbImageSchema = z
  .object({
    width: z.number().int().min(1).max(sceneMaxImageSide),
    height: z.number().int().min(1).max(sceneMaxImageSide),
    rgb: z.string(),
  })
  .strict()
  .superRefine((img, ctx) => {
    if (img.rgb.length !== 4 * img.width * img.height) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['rgb'], message: `must be base64 of width*height*3 = ${img.width * img.height * 3} bytes` });
    } else if (!base64Pattern.test(img.rgb)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['rgb'], message: 'must be base64' });
    }
  });
export type RgbImage = z.infer<typeof rgbImageSchema>;

export const sceneTokenSchema = z.number().int().min(0).max(sceneCodebookSize - 1);
export const sceneFrameTokensSchema = z.array(sceneTokenSchema).length(sceneTokensPerFrame);
export const sceneActionSchema = z.number().int().min(0).max(sceneActionCount - 1);

/**
 * What a viewer steers with: the latent actions named after training by the true action each most often
 * coincides with (models/world/evaluate.py `name_actions`), one per name. left/right/up/down move the view
 * that way (the picture shifts the other way), in/out push the camera in or pull it out. A learned
 * stand-still is never a control. The model's controls travel in dynamics.json (`config.controls`).
 */
export const sceneControlNames = ['left', 'right', 'up', 'down', 'in', 'out'] as const;
export type SceneControlName = (typeof sceneControlNames)[number];
export const sceneControlSchema = z.object({ action: sceneActionSchema, name: z.enum(sceneControlNames) }).strict();
export type SceneControl = z.infer<typeof sceneControlSchema>;
/** At most one control a name. */
export const sceneControlsSchema = z
  .array(sceneControlSchema)
  .max(sceneControlNames.length)
  .refine((c) => new Set(c.map((x) => x.name)).size === c.length, 'one control a name');

export const encodeSceneInputSchema = z.object({ op: z.literal('encode'), image: rgbImageSchema }).strict();
export type EncodeSceneInput = z.infer<typeof encodeSceneInputSchema>;

export const stepSceneInputSchema = z
  .object({
    op: z.literal('step'),
    /** The scene's recent frames as token grids, oldest first; fewer than the context length are
     *  padded by repeating the oldest, as when a scene starts from one still. */
    tokens: z.array(sceneFrameTokensSchema).min(1).max(sceneContextLength),
    /** One branch per action, answered in this order; all eight is the 8-branch preview. */
    actions: z
      .array(sceneActionSchema)
      .min(1)
      .max(sceneActionCount)
      .refine((a) => new Set(a).size === a.length, 'actions must not repeat'),
    /** Same seed, context and action -> same next frame, whichever other actions share the batch. */
    seed: z.number().int().min(0).max(0xffffffff),
    steps: z.number().int().min(1).max(sceneMaxSteps).optional(),
    temperature: z.number().min(0).max(sceneMaxTemperature).optional(),
  })
  .strict();
export type StepSceneInput = z.infer<typeof stepSceneInputSchema>;

export const sceneInvocationSchema = z.discriminatedUnion('op', [encodeSceneInputSchema, stepSceneInputSchema]);
export type SceneInvocation = z.infer<typeof sceneInvocationSchema>;

export const sceneFrameSchema = z.object({
  width: z.literal(sceneFrameSize),
  height: z.literal(sceneFrameSize),
  /** base64 of 64*64*3 bytes, row-major RGB */
  rgb: z.string().length(4 * sceneFrameSize * sceneFrameSize),
  /** the same picture as `data:image/png;base64,…`, unscaled (the client scales it crisply) */
  png: z.string().startsWith('data:image/png;base64,'),
});
export type SceneFrame = z.infer<typeof sceneFrameSchema>;

/** The frame is the decoder's reconstruction of the tokens: what the scene really holds, not the upload. `controls`
 *  are the model's (the same for every picture): what the app shows as its d-pad. */
export const encodeSceneOutputSchema = z.object({ tokens: sceneFrameTokensSchema, frame: sceneFrameSchema, controls: sceneControlsSchema });
export type EncodeSceneOutput = z.infer<typeof encodeSceneOutputSchema>;

export const sceneBranchSchema = z.object({ action: sceneActionSchema, tokens: sceneFrameTokensSchema, frame: sceneFrameSchema });
export type SceneBranch = z.infer<typeof sceneBranchSchema>;

export const stepSceneOutputSchema = z.object({ branches: z.array(sceneBranchSchema).min(1).max(sceneActionCount) });
export type StepSceneOutput = z.infer<typeof stepSceneOutputSchema>;

/** Error codes of the inference server, each with one HTTP status; the body is `{code, message}`. */
export const sceneErrorStatus = {
  BAD_REQUEST: 400, // not JSON, or not the schema above
  NOT_FOUND: 404, // a path other than /ping and /invocations
  PAYLOAD_TOO_LARGE: 413, // body over sceneMaxRequestBytes
  UNSUPPORTED_MEDIA_TYPE: 415, // a content type other than application/json
  BUSY: 429, // the bounded queue is full: retry later
  INTERNAL: 500,
  NOT_READY: 503, // the model is still loading
  TIMEOUT: 504, // the request's time limit (queue wait included) ran out
} as const;
export type SceneErrorCode = keyof typeof sceneErrorStatus;
export const sceneErrorBodySchema = z.object({
  code: z.enum(Object.keys(sceneErrorStatus) as [SceneErrorCode, ...SceneErrorCode[]]),
  message: z.string(),
});
export type SceneErrorBody = z.infer<typeof sceneErrorBodySchema>;
