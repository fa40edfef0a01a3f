import { codeLength, encodeSymbols, episodeKey, gfMul, idBits, markIdOfShortCode, permuteId, shortCode, variantPicks, viewerWord } from './code';

const secret = 'unit-test-mark-secret-0123456789abcdef';

describe('viewer code', () => {
  it('is a field: α generates all 63 non-zero elements of GF(64)', () => {
    const seen = new Set<number>();
    let x = 1;
    for (let i = 0; i < 63; i++) {
      seen.add(x);
      x = gfMul(x, 2);
    }
    expect(seen.size).toBe(63);
    expect(x).toBe(1);
  });

  it('gives any two ids codewords that agree in at most 3 of 63 symbols (Reed–Solomon [63, 4, 60])', () => {
    const ids = [0, 1, 2, 3, 64, 4095, 4096, 2 ** 24 - 1, 0x5a5a5a, 0x123456];
    for (let i = 0; i < 200; i++) ids.push(Math.floor(Math.random() * 2 ** idBits));
    const words = ids.map(encodeSymbols);
    for (let i = 0; i < words.length; i++) {
      for (let j = i + 1; j < words.length; j++) {
        if (ids[i] === ids[j]) continue;
        const agree = words[i].filter((s, p) => s === words[j][p]).length;
        expect(agree).toBeLessThanOrEqual(3);
      }
    }
    expect(words[0]).toHaveLength(codeLength);
  });

  it('defines a code for 2^24 ids and refuses ids outside it', () => {
    expect(idBits).toBeGreaterThanOrEqual(20);
    expect(() => encodeSymbols(2 ** idBits)).toThrow();
    expect(() => permuteId(-1, secret)).toThrow();
  });

  it('permutes ids with the secret: a bijection, different under another secret, undone from the short code', () => {
    const outputs = new Set<number>();
    for (let id = 0; id < 5000; id++) outputs.add(permuteId(id, secret));
    expect(outputs.size).toBe(5000);
    expect(permuteId(7, secret)).not.toBe(permuteId(7, `${secret}-other`));
    for (const id of [0, 1, 99, 123_456, 2 ** 24 - 1]) {
      const code = shortCode(id, secret);
      expect(code).toMatch(/^[2-9A-HJ-NP-Z]{5}$/);
      expect(markIdOfShortCode(code, secret)).toBe(id);
    }
    expect(markIdOfShortCode('ZZZZZ', secret)).toBeNull(); // beyond 2^24
  });

  it('picks one of 4 variants a segment, so that two viewers differ in all but 3 symbols of any stretch', () => {
    const key = episodeKey(secret, 'the-heiress-returns', 4, 27);
    const a = variantPicks(11, secret, key);
    const b = variantPicks(12, secret, key);
    expect(a).toHaveLength(27);
    expect([...a].every((v) => v >= 0 && v < 4)).toBe(true);
    expect(variantPicks(11, secret, key)).toEqual(a);
    // 27 segments hold 9 whole symbols; at most 3 agree, so at least 6 segments differ.
    expect(a.filter((v, j) => v !== b[j]).length).toBeGreaterThanOrEqual(6);
  });

  it('keys each episode differently: its start in the codeword and its masks', () => {
    const k4 = episodeKey(secret, 'the-heiress-returns', 4, 200);
    const k5 = episodeKey(secret, 'the-heiress-returns', 5, 200);
    expect(k4.masks).toHaveLength(200);
    expect(k4.masks).not.toEqual(k5.masks);
    expect(episodeKey(secret, 'the-heiress-returns', 4, 200)).toEqual(k4);
    expect(viewerWord(3, secret)).toEqual(encodeSymbols(permuteId(3, secret)));
  });
});
