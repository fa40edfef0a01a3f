import { errorCodes } from '@drama/shared/errors';
import { clientErrorCodes, errorText, errorTexts, textForCode } from './error-text';
import { ApiError } from './api-client';

const chinese = /[\u4e00-\u9fff]/;

describe('error texts', () => {
  it.each([...errorCodes, ...clientErrorCodes])('%s has a Chinese text for the viewer', (code) => {
    expect(errorTexts[code]).toMatch(chinese);
    expect(textForCode(code)).toBe(errorTexts[code]);
  });

  it('shows an API error by its code, never the message the server wrote', () => {
    const err = new ApiError(403, 'FORBIDDEN', 'whatever', { code: 'FORBIDDEN', message: 'scene belongs to another user' });
    expect(errorText(err)).toBe(errorTexts.FORBIDDEN);
  });

  it('reads an unknown code and a non-API failure as a plain Chinese failure', () => {
    expect(textForCode('SOMETHING_NEW')).toMatch(chinese);
    expect(errorText(new Error('socket hang up'))).toMatch(chinese);
    expect(errorText('boom')).toMatch(chinese);
  });
});
