import { execFileSync } from 'node:child_process';
import { crc32, inflateSync } from 'node:zlib';
import { cropResample, encodePng, fromPlanar, pngDataUrl, toPlanar } from './image';

/** (h, w, 3) bytes from a function of (x, y) -> [r, g, b]. */
function picture(width: number, height: number, at: (x: number, y: number) => number[]): Uint8Array {
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) rgb.set(at(x, y), (y * width + x) * 3);
  return rgb;
}

/** A PNG reader just big enough for what encodePng writes: checks every CRC and undoes the filters. */
function decodePng(png: Buffer): { width: number; height: number; rgb: Uint8Array; colourType: number } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let pos = 8;
  let width = 0, height = 0, colourType = 0;
  const idat: Buffer[] = [];
  const types: string[] = [];
  while (pos < png.length) {
    const len = png.readUInt32BE(pos);
    const type = png.toString('latin1', pos + 4, pos + 8);
    const data = png.subarray(pos + 8, pos + 8 + len);
    expect(png.readUInt32BE(pos + 8 + len)).toBe(crc32(png.subarray(pos + 4, pos + 8 + len)));
    types.push(type);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      colourType = data[9];
      expect([...data.subarray(8)]).toEqual([8, 2, 0, 0, 0]);
    } else if (type === 'IDAT') idat.push(data);
    pos += 12 + len;
  }
  expect(types[0]).toBe('IHDR');
  expect(types[types.length - 1]).toBe('IEND');
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 3;
  const rgb = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    if (filter > 2) throw new Error(`filter ${filter} is not read by this test`);
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x];
      const left = x >= 3 ? rgb[y * stride + x - 3] : 0;
      const up = y > 0 ? rgb[(y - 1) * stride + x] : 0;
      rgb[y * stride + x] = filter === 0 ? v : filter === 1 ? (v + left) & 0xff : (v + up) & 0xff;
    }
  }
  return { width, height, rgb, colourType };
}

/** The same PNG read by ffmpeg's decoder, as raw RGB bytes: a check that does not share this file's reading of the format. */
function ffmpegDecode(png: Buffer): Uint8Array {
  const ffmpeg = (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
  return new Uint8Array(execFileSync(ffmpeg, ['-v', 'error', '-f', 'png_pipe', '-i', 'pipe:0', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], { input: png }));
}

describe('cropResample', () => {
  it('keeps the centred square of a wide picture and scales it to 64×64', () => {
    // 300×100: red margins of 100 px either side, a green square in the middle
    const wide = picture(300, 100, (x) => (x >= 100 && x < 200 ? [0, 200, 0] : [255, 0, 0]));
    const out = cropResample(wide, 300, 100, 64);
    expect(out.length).toBe(64 * 64 * 3);
    for (let i = 0; i < out.length; i += 3) expect([out[i], out[i + 1], out[i + 2]]).toEqual([0, 200, 0]);
  });

  it('keeps the centred square of a tall picture', () => {
    const tall = picture(10, 30, (_, y) => (y >= 10 && y < 20 ? [9, 9, 9] : [250, 250, 250]));
    const out = cropResample(tall, 10, 30, 64);
    expect(out.length).toBe(64 * 64 * 3);
    expect(new Set(out)).toEqual(new Set([9]));
  });

  it('averages the area each output pixel covers, so a fine checkerboard turns grey', () => {
    const checks = picture(128, 128, (x, y) => ((x + y) % 2 ? [255, 255, 255] : [0, 0, 0]));
    const out = cropResample(checks, 128, 128, 64);
    expect(new Set(out)).toEqual(new Set([128])); // (0 + 255 + 255 + 0) / 4 = 127.5, rounded
  });

  it('keeps a 64×64 picture as it is', () => {
    const noise = picture(64, 64, (x, y) => [(x * 7 + y) % 256, (x * y) % 256, (x + 3 * y) % 256]);
    expect(cropResample(noise, 64, 64, 64)).toEqual(noise);
  });

  it('refuses a buffer of the wrong size', () => {
    expect(() => cropResample(new Uint8Array(10), 2, 2, 64)).toThrow(RangeError);
  });
});

describe('planar frames', () => {
  it('round-trips bytes through the model layout (3, H, W) in [0, 1]', () => {
    const rgb = picture(4, 2, (x, y) => [x * 60, y * 200, 255 - x]);
    const planar = new Float32Array(3 * 8);
    toPlanar(rgb, planar);
    expect(planar[1]).toBeCloseTo(60 / 255); // red of pixel (1, 0)
    expect(planar[8 + 4]).toBeCloseTo(200 / 255); // green of pixel (0, 1)
    expect(fromPlanar(planar, 8)).toEqual(rgb);
  });

  it('clamps decoder output outside [0, 1]', () => {
    expect([...fromPlanar(Float32Array.from([-0.2, 1.3, 0.5]), 1)]).toEqual([0, 255, 128]);
  });
});

describe('encodePng', () => {
  it('writes a PNG whose pixels read back exactly', () => {
    const rgb = picture(64, 64, (x, y) => [(x * 4) % 256, (y * 4) % 256, (x * y) % 256]);
    const png = encodePng(rgb, 64, 64);
    const back = decodePng(png);
    expect([back.width, back.height, back.colourType]).toEqual([64, 64, 2]);
    expect(back.rgb).toEqual(rgb);
    expect(ffmpegDecode(png)).toEqual(rgb);
  });

  it('handles a non-square picture and makes a data URL of it', () => {
    const rgb = picture(3, 5, (x, y) => [x, y, 7]);
    expect(decodePng(encodePng(rgb, 3, 5)).rgb).toEqual(rgb);
    const url = pngDataUrl(rgb, 3, 5);
    expect(url.startsWith('data:image/png;base64,')).toBe(true);
    expect(decodePng(Buffer.from(url.split(',')[1], 'base64')).rgb).toEqual(rgb);
  });
});
