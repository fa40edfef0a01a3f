import { embedLuma, markAmplitude, markGain, MarkPattern, orthogonalTo, psnr, variantFields } from './pattern';

const secret = 'unit-test-mark-secret-0123456789abcdef';
const id = { seriesId: 'the-heiress-returns', episode: 4, segment: 7 };

/** A luma plane like the demo's: dark gradient, a bright window, a little noise. */
function picture(w: number, h: number): Uint8Array {
  const y = new Uint8Array(w * h);
  for (let r = 0; r < h; r++) {
    for (let c = 0; c < w; c++) {
      const window = c > w * 0.6 && c < w * 0.8 && r > h * 0.2 && r < h * 0.4 ? 150 : 0;
      y[r * w + c] = Math.min(255, 18 + Math.round((60 * r) / h) + window + ((c * 7 + r * 13) % 5));
    }
  }
  return y;
}

describe('mark embedding', () => {
  it('makes smooth, zero-mean, unit-RMS keyed patterns, different per segment and bit', () => {
    const q = new MarkPattern(secret, { ...id, which: 0 }).render(54, 96);
    const mean = q.reduce((a, b) => a + b, 0) / q.length;
    const rms = Math.sqrt(q.reduce((a, b) => a + (b - mean) ** 2, 0) / q.length);
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(rms).toBeCloseTo(1, 1);
    // Low spatial frequency: at 540 px wide, neighbouring pixels differ by a small fraction of the RMS.
    const full = new MarkPattern(secret, { ...id, which: 0 }).render(540, 960);
    let step = 0;
    for (let i = 1; i < full.length; i++) if (i % 540) step = Math.max(step, Math.abs(full[i] - full[i - 1]));
    expect(step).toBeLessThan(0.12);
    const other = new MarkPattern(secret, { ...id, which: 1 }).render(54, 96);
    expect(other).not.toEqual(q);
    const orthogonal = orthogonalTo(q, other);
    expect(orthogonal.reduce((a, v, i) => a + v * q[i], 0) / q.length).toBeCloseTo(0, 5);
    expect(Math.sqrt(orthogonal.reduce((a, v) => a + v * v, 0) / q.length)).toBeCloseTo(1, 5);
    expect(new MarkPattern(secret, { ...id, which: 0 }).at(0.3, 0.7)).toBe(new MarkPattern(secret, { ...id, which: 0 }).at(0.3, 0.7));
  });

  it('marks a frame at PSNR ≥ 45 dB, the four variants carrying opposite signs of two patterns', () => {
    const [w, h] = [180, 320];
    const luma = picture(w, h);
    const q0 = new MarkPattern(secret, { ...id, which: 0 }).render(w, h);
    const q1 = new MarkPattern(secret, { ...id, which: 1 }).render(w, h);
    const fields = variantFields(q0, q1);
    for (let i = 0; i < q0.length; i += 97) expect(fields[0][i]).toBeCloseTo(-fields[3][i], 5);
    for (const field of fields) expect(Math.sqrt(field.reduce((a, v) => a + v * v, 0) / field.length)).toBeCloseTo(markAmplitude, 3);
    const marked = new Uint8Array(luma.length);
    for (const field of fields) {
      embedLuma(luma, field, marked);
      expect(psnr(marked, luma)).toBeGreaterThanOrEqual(45);
      // What was added correlates with the field where the gain lets it through.
      let c = 0;
      for (let i = 0; i < luma.length; i++) c += (marked[i] - luma[i]) * field[i];
      expect(c).toBeGreaterThan(0);
    }
    // The amplitude is the RMS the mark has where the gain is 1: at most what 45 dB allows.
    expect(markAmplitude).toBeLessThanOrEqual(255 * 10 ** (-45 / 20));
  });

  it('fades the mark out towards black and white, and never wraps around', () => {
    expect(markGain[16]).toBe(0.25);
    expect(markGain[128]).toBe(1);
    expect(markGain[235]).toBe(0.25);
    const out = new Uint8Array(2);
    embedLuma(Uint8Array.from([0, 255]), Float32Array.from([-10, 10]), out);
    expect([...out]).toEqual([0, 255]);
  });
});
