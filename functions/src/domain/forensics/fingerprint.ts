/**
 * Per-frame fingerprints: the mean luma of an 8×14 grid of blocks over the central 70 % of the frame
 * (u, v in [0.15, 0.85]). The ingest stores them for every marked episode; the trace computes the same
 * on a suspect copy to find which episode it is and where it starts. Staying inside the central 70 %
 * keeps a crop of a few percent from moving much of any block, and block means ignore re-encoding
 * noise and the rescale.
 */
export const fingerprintCols = 8;
export const fingerprintRows = 14;
export const fingerprintSize = fingerprintCols * fingerprintRows;
const from = 0.15;
const to = 0.85;

/** Block means of the central region of a w×h luma plane, one byte each. */
export function frameFingerprint(luma: Uint8Array, w: number, h: number, out = new Uint8Array(fingerprintSize)): Uint8Array {
  for (let r = 0; r < fingerprintRows; r++) {
    const y0 = Math.round(h * (from + ((to - from) * r) / fingerprintRows));
    const y1 = Math.max(y0 + 1, Math.round(h * (from + ((to - from) * (r + 1)) / fingerprintRows)));
    for (let c = 0; c < fingerprintCols; c++) {
      const x0 = Math.round(w * (from + ((to - from) * c) / fingerprintCols));
      const x1 = Math.max(x0 + 1, Math.round(w * (from + ((to - from) * (c + 1)) / fingerprintCols)));
      let sum = 0;
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) sum += luma[y * w + x];
      out[r * fingerprintCols + c] = Math.round(sum / ((y1 - y0) * (x1 - x0)));
    }
  }
  return out;
}
