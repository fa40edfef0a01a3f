import fc from 'fast-check';
import { issueToken, verifyToken } from './token';

const secret = 'a'.repeat(32);
const now = new Date('2026-11-25T00:00:00Z');

describe('session tokens', () => {
  it('round-trips the user id until it expires', () => {
    const { token, expiresAt } = issueToken('u_1', secret, now, 60);
    expect(verifyToken(token, secret, now)?.sub).toBe('u_1');
    expect(expiresAt.toISOString()).toBe('2026-11-25T00:01:00.000Z');
    expect(verifyToken(token, secret, new Date(now.getTime() + 59_999))?.sub).toBe('u_1');
    expect(verifyToken(token, secret, new Date(now.getTime() + 60_000))).toBeNull();
  });

  it('refuses tokens signed with another secret, altered claims and garbage', () => {
    const { token } = issueToken('u_1', secret, now, 60);
    expect(verifyToken(token, 'b'.repeat(32), now)).toBeNull();
    const [h, , s] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'u_2', iat: 0, exp: 9e9 })).toString('base64url');
    expect(verifyToken(`${h}.${forged}.${s}`, secret, now)).toBeNull();
    for (const junk of ['', 'a.b', 'a.b.c', `${h}..`, '...', 'x'.repeat(500)]) expect(verifyToken(junk, secret, now)).toBeNull();
  });

  it('accepts only the canonical base64url signature: padding, stray characters and other spellings of it are refused', () => {
    const { token } = issueToken('u_1', secret, now, 60);
    const [h, c, s] = token.split('.');
    const standard = Buffer.from(s, 'base64url').toString('base64');
    for (const variant of [`${token}=`, `${token}==`, `${token}!`, `${token}.`, `${token} `, `${token}\n`, `${h}.${c}.${standard}`, `${h}.${c}.${s.slice(0, -1)}${s.at(-1) === 'A' ? 'B' : 'A'}`]) {
      expect([variant, verifyToken(variant, secret, now)]).toEqual([variant, null]);
    }
  });

  it('refuses every edit of a valid token (property: any other string than the token itself fails)', () => {
    const { token } = issueToken('u_1', secret, now, 60);
    const edit = fc.record({ at: fc.nat({ max: token.length }), drop: fc.nat({ max: 3 }), insert: fc.string({ maxLength: 3, unit: fc.constantFrom(...'Aa0-_=.!+/ \u0000%'.split('')) }) });
    fc.assert(
      fc.property(edit, ({ at, drop, insert }) => {
        const edited = token.slice(0, at) + insert + token.slice(at + drop);
        return edited === token ? verifyToken(edited, secret, now) !== null : verifyToken(edited, secret, now) === null;
      }),
      { numRuns: 2000 },
    );
  });
});
