import { createHmac } from 'node:crypto';

/**
 * The viewer code a marked copy spells, segment by segment.
 *
 * Each paid segment (1 s) is stored in 4 variants; a viewer's playlist picks one, so a segment
 * carries 2 bits. Those bits come from a Reed–Solomon codeword over GF(64):
 *
 * - A viewer's mark id (a dense number given out once per viewer, < 2^24) is first permuted by a
 *   keyed 24-bit Feistel network, so viewers who signed up one after another get unrelated codewords
 *   and nobody can guess the code of an id without the server's secret.
 * - The 24 bits are 4 symbols of 6 bits: the coefficients of a polynomial m(x) of degree ≤ 3 over
 *   GF(64). The codeword is its value at the 63 non-zero field elements, c_p = m(α^p): a [63, 4, 60]
 *   code. Two different viewers' polynomials agree in at most 3 points, so any two codewords agree in
 *   at most 3 of their 63 symbols, wherever a leak starts and however short it is.
 * - Each symbol is carried by 3 consecutive segments (2 bits each). An episode starts at a keyed
 *   offset into the codeword, so three episodes of one series read different stretches of it; an
 *   episode longer than 189 s (63 × 3 segments) wraps around.
 * - The 2 bits of each segment are XORed with a keyed per-segment mask before naming a variant, so
 *   variant 0 of one segment and variant 0 of the next carry unrelated bits, and a bias a re-encode
 *   puts on one pattern cancels out over a codeword.
 *
 * Why this scheme and not A/B variants: a 20 s episode with its first 3 s cut has 17 segments; with
 * 2 variants that is 17 bits, fewer than a 2^20 id needs before any error correction. Four variants
 * (4× the segments' storage) carry 34 bits in the same 17 s. The reader does not decode blindly: it
 * scores the viewers who received the episode's playlist (soft correlation, see read.ts), and the
 * code's distance is what keeps an innocent viewer's score low: at most 3 symbols of any reading
 * can agree with the guilty viewer's by construction, the rest agree only by chance.
 */

// --- GF(64) ---------------------------------------------------------------------------------------

/** x^6 + x + 1, primitive: α = x generates all 63 non-zero elements. */
const primitive = 0x43;
const exp = new Uint8Array(126);
const log = new Uint8Array(64);
{
  let x = 1;
  for (let i = 0; i < 63; i++) {
    exp[i] = x;
    exp[i + 63] = x;
    log[x] = i;
    x <<= 1;
    if (x & 0x40) x ^= primitive;
  }
}

export function gfMul(a: number, b: number): number {
  return a === 0 || b === 0 ? 0 : exp[log[a] + log[b]];
}

/** Code length (symbols) and dimension (message symbols of 6 bits: a 24-bit id). */
export const codeLength = 63;
export const codeDimension = 4;
export const symbolBits = 6;
export const idBits = codeDimension * symbolBits;
/** Segments per symbol, and the variants of one segment (2 bits). */
export const segmentsPerSymbol = symbolBits / 2;
export const variantsPerSegment = 4;

/** The Reed–Solomon codeword of a 24-bit message: m(α^p) for p = 0..62, m's coefficients the 4 symbols. */
export function encodeSymbols(message: number): Uint8Array {
  if (!Number.isInteger(message) || message < 0 || message >= 2 ** idBits) throw new Error(`message ${message} is outside 0..2^${idBits}-1`);
  const coefficients = [0, 1, 2, 3].map((i) => (message >>> (symbolBits * i)) & 0x3f);
  const word = new Uint8Array(codeLength);
  for (let p = 0; p < codeLength; p++) {
    // Horner's rule at x = α^p.
    let y = 0;
    for (let i = codeDimension - 1; i >= 0; i--) y = gfMul(y, exp[p]) ^ coefficients[i];
    word[p] = y;
  }
  return word;
}

// --- keyed parts ------------------------------------------------------------------------------------

function hmac(secret: string, label: string): Buffer {
  return createHmac('sha256', secret).update(label).digest();
}

/** A keyed bijection of 24-bit numbers: 4 Feistel rounds on two 12-bit halves. */
export function permuteId(markId: number, secret: string): number {
  if (!Number.isInteger(markId) || markId < 0 || markId >= 2 ** idBits) throw new Error(`mark id ${markId} is outside 0..2^${idBits}-1`);
  let left = markId >>> 12;
  let right = markId & 0xfff;
  for (let round = 0; round < 4; round++) {
    const f = hmac(secret, `feistel/${round}/${right}`).readUInt16BE(0) & 0xfff;
    [left, right] = [right, left ^ f];
  }
  return (left << 12) | right;
}

/** Per episode: where in the codeword it starts, and each segment's 2-bit mask. */
export interface EpisodeKey {
  offset: number;
  masks: Uint8Array;
}

/** The keyed constants of one episode's segments (cheap: one HMAC per 128 segments). */
export function episodeKey(secret: string, seriesId: string, episode: number, segments: number): EpisodeKey {
  const masks = new Uint8Array(segments);
  let offset = 0;
  for (let block = 0; block * 128 < segments || block === 0; block++) {
    const bytes = hmac(secret, `episode/${seriesId}/${episode}/${block}`);
    if (block === 0) offset = bytes.readUInt32BE(0) % codeLength;
    for (let j = block * 128; j < Math.min(segments, (block + 1) * 128); j++) {
      const bit = (j - block * 128) * 2;
      masks[j] = (bytes[bit >> 3] >> (bit & 7)) & 3;
    }
  }
  return { offset, masks };
}

/** The two code bits segment `j` carries (before the mask): which symbol, and which pair of its bits. */
export function codeBitsAt(word: Uint8Array, key: EpisodeKey, j: number): number {
  const p = (key.offset + Math.floor(j / segmentsPerSymbol)) % codeLength;
  return (word[p] >> (2 * (j % segmentsPerSymbol))) & 3;
}

/** A viewer's codeword (the permuted mark id, Reed–Solomon encoded). */
export function viewerWord(markId: number, secret: string): Uint8Array {
  return encodeSymbols(permuteId(markId, secret));
}

/** The variant (0..3) of each segment of an episode that a viewer's playlist names. */
export function variantPicks(markId: number, secret: string, key: EpisodeKey): Uint8Array {
  const word = viewerWord(markId, secret);
  const picks = new Uint8Array(key.masks.length);
  for (let j = 0; j < picks.length; j++) picks[j] = codeBitsAt(word, key, j) ^ key.masks[j];
  return picks;
}

/** Bit b (0 or 1) of a variant, as the sign its mark pattern is added with. */
export const variantSign = (variant: number, b: 0 | 1): 1 | -1 => (((variant >> b) & 1) === 1 ? 1 : -1);

/**
 * A viewer's short code, for the visible overlay drawn where a platform serves the media and no
 * forensic mark can ride on it: the permuted id in base 32, 5 characters (24 bits fit in 25).
 */
export function shortCode(markId: number, secret: string): string {
  const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  let n = permuteId(markId, secret);
  let out = '';
  for (let i = 0; i < 5; i++) {
    out = alphabet[n & 31] + out;
    n >>>= 5;
  }
  return out;
}

/** The mark id behind a short code, given the secret (the inverse Feistel). */
export function markIdOfShortCode(code: string, secret: string): number | null {
  const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  if (!/^[2-9A-HJ-NP-Z]{5}$/.test(code)) return null;
  let n = 0;
  for (const ch of code) n = n * 32 + alphabet.indexOf(ch);
  if (n >= 2 ** idBits) return null;
  let left = n >>> 12;
  let right = n & 0xfff;
  for (let round = 3; round >= 0; round--) {
    const f = hmac(secret, `feistel/${round}/${left}`).readUInt16BE(0) & 0xfff;
    [left, right] = [right ^ f, left];
  }
  return (left << 12) | right;
}
