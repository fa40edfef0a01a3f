import { codeBitsAt, variantSign, viewerWord, type EpisodeKey } from './code';
import type { SegmentReading } from './read';

/**
 * Naming a viewer from soft reads. Every candidate (a viewer who received one of the matched
 * episodes' playlists) gets the score S = Σ z_k·x_k over every bit read, x_k = ±1 the bit its
 * codeword puts there. For a viewer whose copy this is not, the x_k agree with the reads only by
 * chance; whatever the |z_k|, a sum of ±|z_k| with random signs exceeds S with probability at most
 * exp(−S² / 2Σz²) (Hoeffding). With R candidates, the chance that any innocent one scores S is at
 * most R·exp(−S²/2Σz²): the top candidate is named only if that is below 10⁻³, and
 * `confidence` = 1 − R·exp(…). An unmarked copy reads noise: no one scores high. A copy spliced
 * from two viewers' segments gives each of them about half the agreement: it names one of the two
 * only when its half alone is conclusive, and an innocent viewer's chance agreement stays small.
 */

export interface EpisodeReads {
  seriesId: string;
  episode: number;
  key: EpisodeKey;
  segments: SegmentReading[];
}

export interface Candidate {
  userId: string;
  markId: number;
}

export interface Scored extends Candidate {
  score: number;
  /** Bits read with |z| ≥ 2 whose sign agrees with this candidate's code, and those bits' count. */
  agreeing: number;
}

export interface Verdict {
  userId: string | null;
  confidence: number;
  /** Bits read (segments × 2) and how many of them read clearly (|z| ≥ 2). */
  bitsRead: number;
  clearBits: number;
  ranking: Scored[];
}

export const requiredConfidence = 0.999;
const clear = 2;

export function scoreCandidates(reads: EpisodeReads[], candidates: Candidate[], secret: string): Verdict {
  let energy = 0;
  let bitsRead = 0;
  let clearBits = 0;
  for (const r of reads) {
    for (const s of r.segments) {
      for (const z of s.z) {
        energy += z * z;
        bitsRead++;
        if (Math.abs(z) >= clear) clearBits++;
      }
    }
  }
  const ranking = candidates
    .map((c): Scored => {
      const word = viewerWord(c.markId, secret);
      let score = 0;
      let agreeing = 0;
      for (const r of reads) {
        for (const s of r.segments) {
          if (s.segment >= r.key.masks.length) continue;
          const variant = codeBitsAt(word, r.key, s.segment) ^ r.key.masks[s.segment];
          for (const b of [0, 1] as const) {
            const x = variantSign(variant, b) * s.z[b];
            score += x;
            if (Math.abs(s.z[b]) >= clear && x > 0) agreeing++;
          }
        }
      }
      return { ...c, score, agreeing };
    })
    .sort((a, b) => b.score - a.score);
  const top = ranking[0];
  if (!top || energy === 0 || top.score <= 0) return { userId: null, confidence: 0, bitsRead, clearBits, ranking };
  const falseName = Math.min(1, ranking.length * Math.exp(-(top.score * top.score) / (2 * energy)));
  const confidence = 1 - falseName;
  return { userId: confidence >= requiredConfidence ? top.userId : null, confidence, bitsRead, clearBits, ranking };
}
