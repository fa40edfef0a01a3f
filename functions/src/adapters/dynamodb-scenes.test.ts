import { packWindow, unpackWindow } from './dynamodb-scenes';

describe('stored token windows', () => {
  it('round-trip through one binary attribute, whatever the number of frames', () => {
    for (const window of [[[0, 117_648, 5]], [[1, 2], [3, 4], [5, 6], [2 ** 32 - 1, 0]]]) expect(unpackWindow(packWindow(window))).toEqual(window);
  });

  it('refuses windows whose frames differ in length, and malformed stored bytes', () => {
    expect(() => packWindow([[1, 2], [3]])).toThrow(/equal length/);
    expect(() => unpackWindow(new Uint8Array(6))).toThrow(/malformed/);
    expect(() => unpackWindow('AAAA')).toThrow(/malformed/);
  });

  it('reads windows stored as lists before they were packed', () => {
    expect(unpackWindow([[1, 2], [3, 4]])).toEqual([[1, 2], [3, 4]]);
  });
});
