import { z } from 'zod';

/**
 * The inference contract of interactive AI scenes: the body of `POST /invocations` on the world-model
 * server (models/runtime/server.ts) and its answers. The server is stateless: the caller (the scenes
 * functions) keeps a scene's token history and sends its recent frames with every step.
 *
 *   encode  {op:'encode', image:{width, height, rgb}}                    -> {tokens, frame, controls, reach}
 *   step    {op:'step', tokens:[frame…], actions:[a…], seed, steps?, temperature?, memory?}
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

/**
 * A scene's memory of the world it has shown. A press of left/right/up/down moves the view by exactly one
 * token (the training clips' camera moves 4 px, a token's width), so every cell of the world the view showed
 * before can come back as it was: only cells never shown are the dynamics'. Without it the model's 4-frame
 * context forgot what left the view, and a scene that went away and back came back repainted, blurrier each
 * time (models/REPORT.md, "What we tried"). The view stays within `reach` tokens of where the scene started
 * on each axis (the model's: dynamics.json `config.reach`, models/world/steer.py `REACH`, as far as the
 * controls are measured); the app greys out an arrow that would leave. Any other press (in/out) changes what a cell means, so the memory starts anew from the
 * frame it led to. models/world/steer.py `Memory` is the same rule in the training code's evaluation.
 *
 * `cells`: the (16 + 2 reach)² canvas, row-major, a token or -1 where the view has not been; `view`: where
 * the view's top-left token is, in tokens from the start (y down, x right).
 */
/** The token grid's side: sceneTokensPerFrame is its square. */
export const sceneGrid = 16;
/** The largest reach the contract accepts (a model's is 4 today). */
export const sceneMaxReach = 8;
export const sceneViewMoves: Readonly<Partial<Record<SceneControlName, readonly [dy: number, dx: number]>>> = {
  left: [0, -1],
  right: [0, 1],
  up: [-1, 0],
  down: [1, 0],
};
export const sceneViewSchema = z.object({ y: z.number().int(), x: z.number().int() }).strict();
export type SceneViewPlace = z.infer<typeof sceneViewSchema>;
export const sceneMemorySchema = z
  .object({
    reach: z.number().int().min(1).max(sceneMaxReach),
    view: sceneViewSchema,
    cells: z.array(z.number().int().min(-1).max(sceneCodebookSize - 1)),
  })
  .strict()
  .superRefine((m, ctx) => {
    const side = sceneGrid + 2 * m.reach;
    if (m.cells.length !== side * side) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['cells'], message: `must hold ${side}×${side} cells` });
    if (Math.abs(m.view.y) > m.reach || Math.abs(m.view.x) > m.reach) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['view'], message: `must be within ${m.reach} of the start` });
  });
export type SceneMemory = z.infer<typeof sceneMemorySchema>;

/** Whether a control may be pressed with the view at `view`: a pan that would leave the reach may not. */
export function canPress(view: SceneViewPlace, name: SceneControlName | undefined, reach: number): boolean {
  const move = name && sceneViewMoves[name];
  if (!move) return true;
  return Math.abs(view.y + move[0]) <= reach && Math.abs(view.x + move[1]) <= reach;
}

/** A scene's first memory: the still at the start of a canvas never shown elsewhere. */
export function firstMemory(reach: number, tokens: ArrayLike<number>): SceneMemory {
  const side = sceneGrid + 2 * reach;
  const memory: SceneMemory = { reach, view: { y: 0, x: 0 }, cells: new Array<number>(side * side).fill(-1) };
  return pressed(memory, { y: 0, x: 0 }, tokens).memory;
}

/** The frame shown with the view at `view` (every cell shown before as it was, the rest from `tokens`) and the memory holding it. */
function pressed(memory: SceneMemory, view: SceneViewPlace, tokens: ArrayLike<number>): { tokens: number[]; memory: SceneMemory } {
  const G = sceneGrid;
  const side = G + 2 * memory.reach;
  const cells = memory.cells.slice();
  const frame = Array.from(tokens);
  for (let r = 0; r < G; r++) {
    for (let c = 0; c < G; c++) {
      const at = (memory.reach + view.y + r) * side + memory.reach + view.x + c;
      if (cells[at] >= 0) frame[r * G + c] = cells[at];
      else cells[at] = frame[r * G + c];
    }
  }
  return { tokens: frame, memory: { reach: memory.reach, view, cells } };
}

/**
 * A press through the memory: `sampled` is the frame the dynamics drew after control `name` (undefined: a
 * latent action that is no control). Returns the frame the scene shows and its memory after the press. A
 * pan within reach moves the view; anything else (a zoom, a stand-still, a pan the app would not offer)
 * starts the memory anew from the sampled frame.
 */
export function pressThrough(memory: SceneMemory, name: SceneControlName | undefined, sampled: ArrayLike<number>): { tokens: number[]; memory: SceneMemory } {
  const pans = Boolean(name && sceneViewMoves[name]) && canPress(memory.view, name, memory.reach);
  if (!pans) return { tokens: Array.from(sampled), memory: firstMemory(memory.reach, sampled) };
  return pressed(memory, viewAfter(memory.view, name), sampled);
}

/** Where the view is after a press of `name` the reach allows: a pan moves it, anything else starts it anew at 0, 0. */
export function viewAfter(view: SceneViewPlace, name: SceneControlName | undefined): SceneViewPlace {
  const move = name && sceneViewMoves[name];
  return move ? { y: view.y + move[0], x: view.x + move[1] } : { y: 0, x: 0 };
}

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
    /** The scene's memory: each branch's frame is the sampled one seen through it (`pressThrough`). */
    memory: sceneMemorySchema.optional(),
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
export const encodeSceneOutputSchema = z.object({
  tokens: sceneFrameTokensSchema,
  frame: sceneFrameSchema,
  controls: sceneControlsSchema,
  /** How far the view may go from the start, in tokens (the model's `config.reach`): a scene's memory starts with it. */
  reach: z.number().int().min(1).max(sceneMaxReach),
});
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
