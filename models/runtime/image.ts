// Pictures in and out of the model: any RGB image -> the 64×64 frame the tokenizer takes (centre crop,
// area resampling), the model's planar floats <-> interleaved bytes, and a minimal PNG writer.
// Layouts: rgb = Uint8Array (H, W, 3) row-major; planar = Float32Array (3, H, W) in [0, 1], as
// models/world/evaluate.py `to_float` / `to_uint8` make them.
import { crc32, deflateSync } from 'node:zlib';

/** For each output index, the source pixels it covers and by how much (an area filter along one axis). */
function areaWeights(srcLen: number, dstLen: number): { first: number[]; weights: number[][] } {
  const scale = srcLen / dstLen; // source pixels per output pixel
  const first: number[] = [];
  const weights: number[][] = [];
  for (let o = 0; o < dstLen; o++) {
    const a = o * scale;
    const b = (o + 1) * scale;
    const lo = Math.floor(a);
    const w: number[] = [];
    for (let s = lo; s < b && s < srcLen; s++) w.push((Math.min(s + 1, b) - Math.max(s, a)) / scale);
    first.push(lo);
    weights.push(w);
  }
  return { first, weights };
}

/**
 * Centre-crops `rgb` (height, width, 3) to a square and resamples it to size×size by area averaging:
 * each output pixel is the mean of the source area it covers (a box filter, so no aliasing when a large
 * photo shrinks to 64 px; when a small image grows, each output pixel takes the one or two source
 * pixels under it).
 */
export function cropResample(rgb: Uint8Array, width: number, height: number, size: number): Uint8Array {
  if (rgb.length !== width * height * 3) throw new RangeError(`rgb has ${rgb.length} bytes, not ${width}*${height}*3`);
  const side = Math.min(width, height);
  const x0 = Math.floor((width - side) / 2);
  const y0 = Math.floor((height - side) / 2);
  const { first, weights } = areaWeights(side, size);
  // --- horizontal pass: (side, size, 3) floats ---
  const rows = new Float32Array(side * size * 3);
  for (let y = 0; y < side; y++) {
    const src = ((y0 + y) * width + x0) * 3;
    for (let o = 0; o < size; o++) {
      let r = 0, g = 0, b = 0;
      const w = weights[o];
      for (let k = 0; k < w.length; k++) {
        const p = src + (first[o] + k) * 3;
        r += rgb[p] * w[k];
        g += rgb[p + 1] * w[k];
        b += rgb[p + 2] * w[k];
      }
      const q = (y * size + o) * 3;
      rows[q] = r;
      rows[q + 1] = g;
      rows[q + 2] = b;
    }
  }
  // --- vertical pass: (size, size, 3) bytes ---
  const out = new Uint8Array(size * size * 3);
  for (let o = 0; o < size; o++) {
    const w = weights[o];
    for (let x = 0; x < size * 3; x++) {
      let v = 0;
      for (let k = 0; k < w.length; k++) v += rows[(first[o] + k) * size * 3 + x] * w[k];
      out[o * size * 3 + x] = Math.min(255, Math.max(0, Math.round(v)));
    }
  }
  return out;
}

/** (H, W, 3) bytes -> (3, H, W) floats in [0, 1], written into `out` at `offset` (one frame of a batch). */
export function toPlanar(rgb: Uint8Array, out: Float32Array, offset = 0): void {
  const n = rgb.length / 3;
  for (let i = 0; i < n; i++) {
    out[offset + i] = rgb[i * 3] / 255;
    out[offset + n + i] = rgb[i * 3 + 1] / 255;
    out[offset + 2 * n + i] = rgb[i * 3 + 2] / 255;
  }
}

/** (3, H, W) floats from `planar` at `offset` -> (H, W, 3) bytes; clamps to [0, 1] and rounds. */
export function fromPlanar(planar: Float32Array, pixels: number, offset = 0): Uint8Array {
  const out = new Uint8Array(pixels * 3);
  for (let c = 0; c < 3; c++) {
    for (let i = 0; i < pixels; i++) {
      const v = planar[offset + c * pixels + i];
      out[i * 3 + c] = Math.round(Math.min(1, Math.max(0, v)) * 255);
    }
  }
  return out;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))) >>> 0, 0); // the CRC covers type and data
  return Buffer.concat([head, data, crc]);
}

/** A PNG of (height, width, 3) bytes (https://www.w3.org/TR/png/), truecolour. */
export function encodePng(rgb: Uint8Array, width: number, height: number): Buffer {
  if (rgb.length !== width * height * 3) throw new RangeError(`rgb has ${rgb.length} bytes, not ${width}*${height}*3`);
  return truecolourPng(rgb, width, height);
}

/** Colour type 2: every scanline gets filter 1 (Sub), which suits smooth frames and costs one subtraction a byte. */
function truecolourPng(rgb: Uint8Array, width: number, height: number): Buffer {
  const stride = width * 3;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (stride + 1);
    raw[row] = 1;
    for (let x = 0; x < stride; x++) {
      const left = x >= 3 ? rgb[y * stride + x - 3] : 0;
      raw[row + 1 + x] = (rgb[y * stride + x] - left) & 0xff;
    }
  }
  return png(width, height, deflateSync(raw));
}

/** The file: IHDR (bit depth 8, colour type 2, deflate, adaptive filtering, no interlace), one IDAT, IEND. */
function png(width: number, height: number, idat: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

export function pngDataUrl(rgb: Uint8Array, width: number, height: number): string {
  return `data:image/png;base64,${encodePng(rgb, width, height).toString('base64')}`;
}
