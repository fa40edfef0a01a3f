// MaskGIT sampling (Chang et al. 2022, https://arxiv.org/abs/2202.04200), the loop of
// models/world/dynamics.py `Dynamics.sample`, for a batch of B branches at once. A token is d FSQ digits
// (levels[j] values each, code = sum of digit_j * basis_j); the dynamics gives logits per digit:
//
//   tokens = all MASK
//   for s in 0..steps-1:
//     logits = dynamics(cache, action, tokens)                          # (B, N, d, V), one call for all branches
//     draw  = for each digit of each masked token, a sample of softmax(logits / temperature) (argmax at 0)
//     conf  = sum over the digits of log(p(draw) + 1e-9) + temperature * (1 - (s+1)/steps) * Gumbel
//     fill every masked token with its draw, then re-mask the floor(N * cos(pi/2 * (s+1)/steps))
//     least confident of them                                            # cosine schedule: 0 left at the end
//
// The random numbers come from a seeded PRNG per branch (mulberry32), never Math.random, so the same
// seed, context and action give the same tokens, whichever other branches share the batch. They are
// not PyTorch's numbers: the Python and Node samplers agree in distribution, not draw for draw.
// Tokens already fixed are skipped (PyTorch samples them too, then discards the draw). A digit has 7
// values, so the softmax is a few exponentials in JavaScript (8 branches: ~86k a step).
//
// Shape key: B branches, N tokens a frame, d digits a token, V values a digit (the largest level).

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
  levels: readonly number[]; // values of each of the d digits; V = the largest
  maskId: number; // the token id of MASK (= K = the product of the levels)
}

/**
 * Runs the loop. `logitsOf(tokens)` gets the current (B, N) tokens, MASK where unknown, and returns the
 * (B, N, d, V) logits of every digit; `seeds` holds one PRNG seed per branch. Returns the (B, N) tokens.
 */
export async function sampleMaskGit(
  logitsOf: (tokens: Uint32Array) => Promise<Float32Array>,
  shape: MaskGitShape,
  seeds: readonly number[],
  opts: MaskGitOptions,
): Promise<Uint32Array> {
  const { branches: B, tokens: N, levels, maskId } = shape;
  const { steps, temperature } = opts;
  const d = levels.length;
  const V = Math.max(...levels);
  const basis = levels.map((_, j) => levels.slice(0, j).reduce((a, b) => a * b, 1));
  if (seeds.length !== B) throw new RangeError(`${seeds.length} seeds for ${B} branches`);
  if (!(steps >= 1)) throw new RangeError(`steps must be at least 1, not ${steps}`);
  const rngs = seeds.map(mulberry32);
  const tokens = new Uint32Array(B * N).fill(maskId); // (B, N)
  const conf = new Float64Array(N); // confidence of each masked token of one branch
  const p = new Float64Array(V); // one digit's probabilities
  const masked: number[] = [];
  const scale = temperature > 0 ? 1 / temperature : 1;
  for (let s = 0; s < steps; s++) {
    opts.signal?.throwIfAborted();
    const logits = await logitsOf(tokens); // (B, N, d, V)
    const keep = maskedAfter(s, steps, N);
    const noise = temperature * (1 - (s + 1) / steps);
    for (let b = 0; b < B; b++) {
      const rand = rngs[b];
      masked.length = 0;
      for (let i = 0; i < N; i++) if (tokens[b * N + i] === maskId) masked.push(i);
      // --- sample each digit of each masked token and score how sure the model was of the draw ---
      for (const i of masked) {
        let code = 0;
        let score = 0;
        for (let j = 0; j < d; j++) {
          const row = ((b * N + i) * d + j) * V;
          const L = levels[j];
          let max = -Infinity;
          for (let v = 0; v < L; v++) max = Math.max(max, logits[row + v]);
          let total = 0;
          for (let v = 0; v < L; v++) total += (p[v] = Math.exp((logits[row + v] - max) * scale));
          let draw = 0;
          if (temperature > 0) {
            const u = rand() * total; // inverse CDF
            let acc = 0;
            draw = L - 1;
            for (let v = 0; v < L; v++) if ((acc += p[v]) > u) { draw = v; break; }
          } else {
            for (let v = 1; v < L; v++) if (p[v] > p[draw]) draw = v;
          }
          score += Math.log(p[draw] / total + 1e-9);
          code += draw * basis[j];
        }
        conf[i] = score;
        if (temperature > 0) {
          const u = Math.min(Math.max(rand(), 1e-9), 1 - 1e-9);
          conf[i] += noise * -Math.log(-Math.log(u));
        }
        tokens[b * N + i] = code;
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
