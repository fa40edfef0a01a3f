// MaskGIT sampling (Chang et al. 2022, https://arxiv.org/abs/2202.04200), the loop of
// models/world/dynamics.py `Dynamics.sample`, for a batch of B branches at once:
//
//   tokens = all MASK
//   for s in 0..steps-1:
//     probs = softmax(dynamics(context, action, tokens) / temperature)  # (B, N, K), one call for all branches
//     draw  = a sample of probs at each masked token (argmax when temperature is 0)
//     conf  = log(p(draw) + 1e-9) + temperature * (1 - (s+1)/steps) * Gumbel  # noise fades out over the steps
//     fill every masked token with its draw, then re-mask the floor(N * cos(pi/2 * (s+1)/steps))
//     least confident of them                                            # cosine schedule: 0 left at the end
//
// The random numbers come from a seeded PRNG per branch (mulberry32), never Math.random, so the same
// seed, context and action give the same tokens, whichever other branches share the batch. They are
// not PyTorch's numbers: the Python and Node samplers agree in distribution, not draw for draw.
// Tokens already fixed are skipped (PyTorch samples them too, then discards the draw). The softmax
// itself runs in onnxruntime (softmax.ts); this loop only draws, scores and re-masks.
//
// Shape key: B branches, N tokens a frame, K codes.

/** mulberry32 (https://gist.github.com/tommyettinger/46a874533244883189143505d203312c): 32-bit state, uniform in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit finaliser (lowbias32, https://nullprogram.com/blog/2018/07/31/): spreads nearby seeds apart. */
function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

/** The PRNG seed of one branch: a function of the request's seed and the branch's action only. */
export function branchSeed(seed: number, action: number): number {
  return mix32((seed >>> 0) ^ mix32(action + 0x9e3779b9));
}

/** How many tokens stay masked after step s (0-based) of `steps`: N * cos(pi/2 * (s+1)/steps), floored. */
export function maskedAfter(step: number, steps: number, n: number): number {
  return Math.floor(n * Math.cos((Math.PI / 2) * (step + 1) / steps));
}

export interface MaskGitOptions {
  steps: number;
  temperature: number;
  /** checked before every dynamics call: a request past its time limit stops at the next step */
  signal?: AbortSignal;
}

export interface MaskGitShape {
  branches: number; // B
  tokens: number; // N
  codes: number; // K
  maskId: number; // the token id of MASK (= K)
}

/**
 * Runs the loop. `probsOf(tokens)` gets the current (B, N) tokens, MASK where unknown, and returns the
 * (B, N, K) probabilities softmax(logits / temperature), or softmax(logits) when the temperature is 0;
 * `seeds` holds one PRNG seed per branch. Returns the (B, N) sampled tokens.
 */
export async function sampleMaskGit(
  probsOf: (tokens: Int32Array) => Promise<Float32Array>,
  shape: MaskGitShape,
  seeds: readonly number[],
  opts: MaskGitOptions,
): Promise<Int32Array> {
  const { branches: B, tokens: N, codes: K, maskId } = shape;
  const { steps, temperature } = opts;
  if (seeds.length !== B) throw new RangeError(`${seeds.length} seeds for ${B} branches`);
  if (!(steps >= 1)) throw new RangeError(`steps must be at least 1, not ${steps}`);
  const rngs = seeds.map(mulberry32);
  const tokens = new Int32Array(B * N).fill(maskId); // (B, N)
  const conf = new Float64Array(N); // confidence of each masked token of one branch
  const masked: number[] = [];
  for (let s = 0; s < steps; s++) {
    opts.signal?.throwIfAborted();
    const probs = await probsOf(tokens); // (B, N, K)
    const keep = maskedAfter(s, steps, N);
    const noise = temperature * (1 - (s + 1) / steps);
    for (let b = 0; b < B; b++) {
      const rand = rngs[b];
      masked.length = 0;
      for (let i = 0; i < N; i++) if (tokens[b * N + i] === maskId) masked.push(i);
      // --- sample each masked token and score how sure the model was of the draw ---
      for (const i of masked) {
        const row = (b * N + i) * K;
        let draw = 0;
        if (temperature > 0) {
          const u = rand(); // inverse CDF; u beyond the float32 total (by rounding) takes the last possible code
          let acc = 0;
          draw = -1;
          for (let k = 0; k < K; k++) if ((acc += probs[row + k]) > u) { draw = k; break; }
          if (draw < 0) for (draw = K - 1; draw > 0 && probs[row + draw] === 0; draw--);
        } else {
          for (let k = 1; k < K; k++) if (probs[row + k] > probs[row + draw]) draw = k;
        }
        conf[i] = Math.log(probs[row + draw] + 1e-9);
        if (temperature > 0) {
          const u = Math.min(Math.max(rand(), 1e-9), 1 - 1e-9);
          conf[i] += noise * -Math.log(-Math.log(u));
        }
        tokens[b * N + i] = draw;
      }
      // --- re-mask the least confident draws; ties go to the lower index, so the result is stable ---
      if (keep > 0) {
        masked.sort((x, y) => conf[x] - conf[y] || x - y);
        for (let j = 0; j < Math.min(keep, masked.length); j++) tokens[b * N + masked[j]] = maskId;
      }
    }
  }
  return tokens;
}
