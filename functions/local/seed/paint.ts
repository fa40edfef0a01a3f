// A tiny software painter for the seed renderer: float RGBA canvas, signed-distance shapes with
// anti-aliased or feathered edges, soft glows, gradients, and a PNG encoder (node:zlib only).
// Backdrops and sprites are painted once per series look and cached; ffmpeg only composites them.
import { deflateSync } from 'node:zlib';

export type RGB = [number, number, number];

/** '#rrggbb' -> [0..1, 0..1, 0..1] */
export function hex(c: string): RGB {
  const m = /^#?([0-9a-f]{6})$/i.exec(c);
  if (!m) throw new Error(`bad colour ${c}`);
  const n = parseInt(m[1], 16);
  return [((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255];
}

export function mix(a: RGB, b: RGB, t: number): RGB {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

/** Deterministic PRNG (mulberry32) so the same look always paints the same picture. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Sdf = (x: number, y: number) => number;
export interface Box { x0: number; y0: number; x1: number; y1: number }

// --- signed distance primitives (pixels; negative inside) ---
export const circle = (cx: number, cy: number, r: number): Sdf => (x, y) => Math.hypot(x - cx, y - cy) - r;
export const ellipse = (cx: number, cy: number, rx: number, ry: number): Sdf => (x, y) =>
  (Math.hypot((x - cx) / rx, (y - cy) / ry) - 1) * Math.min(rx, ry);
export const rect = (x0: number, y0: number, x1: number, y1: number, r = 0): Sdf => {
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2, hw = (x1 - x0) / 2 - r, hh = (y1 - y0) / 2 - r;
  return (x, y) => {
    const qx = Math.abs(x - cx) - hw, qy = Math.abs(y - cy) - hh;
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
  };
};
/** Polygon from [x,y] points (any winding). */
export const poly = (pts: Array<[number, number]>): Sdf => (px, py) => {
  let d = Infinity, s = 1;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i], [xj, yj] = pts[j];
    const ex = xj - xi, ey = yj - yi, wx = px - xi, wy = py - yi;
    const h = Math.max(0, Math.min(1, (wx * ex + wy * ey) / (ex * ex + ey * ey)));
    d = Math.min(d, Math.hypot(wx - ex * h, wy - ey * h));
    const c1 = py >= yi, c2 = py < yj, c3 = ex * wy > ey * wx;
    if ((c1 && c2 && c3) || (!c1 && !c2 && !c3)) s = -s;
  }
  return s * d;
};
export const union = (...fs: Sdf[]): Sdf => (x, y) => {
  let d = Infinity;
  for (const f of fs) d = Math.min(d, f(x, y));
  return d;
};
/** Smooth union: blends shapes into one organic outline (k = blend radius in px). */
export const smoothUnion = (k: number, ...fs: Sdf[]): Sdf => (x, y) => {
  let d = fs[0](x, y);
  for (let i = 1; i < fs.length; i++) {
    const e = fs[i](x, y);
    const h = Math.max(0, Math.min(1, 0.5 + (0.5 * (e - d)) / k));
    d = e + (d - e) * h - k * h * (1 - h);
  }
  return d;
};
export const subtract = (a: Sdf, b: Sdf): Sdf => (x, y) => Math.max(a(x, y), -b(x, y));
export const translate = (f: Sdf, dx: number, dy: number): Sdf => (x, y) => f(x - dx, y - dy);
export const rotate = (f: Sdf, cx: number, cy: number, rad: number): Sdf => {
  const c = Math.cos(rad), s = Math.sin(rad);
  return (x, y) => {
    const dx = x - cx, dy = y - cy;
    return f(cx + dx * c + dy * s, cy - dx * s + dy * c);
  };
};

export class Canvas {
  /** RGBA, straight alpha, 0..1 */
  readonly px: Float32Array;
  constructor(readonly w: number, readonly h: number, opaque = true) {
    this.px = new Float32Array(w * h * 4);
    if (opaque) for (let i = 3; i < this.px.length; i += 4) this.px[i] = 1;
  }

  private blend(i: number, c: RGB, a: number): void {
    if (a <= 0) return;
    const p = this.px;
    const da = p[i + 3];
    const oa = a + da * (1 - a);
    if (oa <= 0) return;
    for (let k = 0; k < 3; k++) p[i + k] = (c[k] * a + p[i + k] * da * (1 - a)) / oa;
    p[i + 3] = oa;
  }

  /** Vertical gradient through colour stops ([position 0..1, '#rrggbb']). */
  vgradient(stops: Array<[number, string]>): this {
    const cs = stops.map(([p, c]) => [p, hex(c)] as [number, RGB]);
    for (let y = 0; y < this.h; y++) {
      const t = y / (this.h - 1);
      let k = 0;
      while (k < cs.length - 2 && t > cs[k + 1][0]) k++;
      const [p0, c0] = cs[k], [p1, c1] = cs[Math.min(k + 1, cs.length - 1)];
      const f = p1 > p0 ? Math.max(0, Math.min(1, (t - p0) / (p1 - p0))) : 0;
      const ss = f * f * (3 - 2 * f);
      const c = mix(c0, c1, ss);
      for (let x = 0; x < this.w; x++) {
        const i = (y * this.w + x) * 4;
        this.px[i] = c[0]; this.px[i + 1] = c[1]; this.px[i + 2] = c[2]; this.px[i + 3] = 1;
      }
    }
    return this;
  }

  /** Soft elliptical light. mode 'add' brightens (light), 'over' paints with alpha (haze/shadow). */
  glow(cx: number, cy: number, rx: number, ry: number, colour: string | RGB, strength: number, mode: 'add' | 'over' = 'add', falloff = 2): this {
    const c = typeof colour === 'string' ? hex(colour) : colour;
    const x0 = Math.max(0, Math.floor(cx - rx)), x1 = Math.min(this.w - 1, Math.ceil(cx + rx));
    const y0 = Math.max(0, Math.floor(cy - ry)), y1 = Math.min(this.h - 1, Math.ceil(cy + ry));
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const d = Math.hypot((x - cx) / rx, (y - cy) / ry);
        if (d >= 1) continue;
        const v = strength * Math.pow(1 - d, falloff);
        const i = (y * this.w + x) * 4;
        if (mode === 'add') {
          for (let k = 0; k < 3; k++) this.px[i + k] += c[k] * v;
          this.px[i + 3] = Math.min(1, this.px[i + 3] + v);
        } else this.blend(i, c, Math.min(1, v));
      }
    }
    return this;
  }

  /** Fill a signed-distance shape. feather > 1 gives soft (out of focus) edges. */
  shape(f: Sdf, colour: string | RGB, alpha = 1, feather = 1, box?: Box, mode: 'over' | 'add' = 'over'): this {
    const c = typeof colour === 'string' ? hex(colour) : colour;
    const b = box ?? { x0: 0, y0: 0, x1: this.w - 1, y1: this.h - 1 };
    const x0 = Math.max(0, Math.floor(b.x0)), x1 = Math.min(this.w - 1, Math.ceil(b.x1));
    const y0 = Math.max(0, Math.floor(b.y0)), y1 = Math.min(this.h - 1, Math.ceil(b.y1));
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const d = f(x + 0.5, y + 0.5);
        const cov = Math.max(0, Math.min(1, 0.5 - d / feather));
        if (cov <= 0) continue;
        const i = (y * this.w + x) * 4;
        if (mode === 'add') for (let k = 0; k < 3; k++) this.px[i + k] += c[k] * alpha * cov;
        else this.blend(i, c, alpha * cov);
      }
    }
    return this;
  }

  /** Back-lit silhouette: a glowing rim (rim px wide, outside the shape) and a dark fill. */
  silhouette(f: Sdf, fill: string, rimColour: string, rim: number, box: Box, rimAlpha = 0.9): this {
    const pad = rim * 4;
    const bb = { x0: box.x0 - pad, y0: box.y0 - pad, x1: box.x1 + pad, y1: box.y1 + pad };
    this.shape((x, y) => f(x, y) - rim * 2.5, rimColour, rimAlpha * 0.25, rim * 3, bb, 'add');
    this.shape((x, y) => f(x, y) - rim, rimColour, rimAlpha, 1.5, bb);
    this.shape(f, fill, 1, 1.2, bb);
    return this;
  }

  /** Darken rows from y0 (untouched) to y1 (darkened by `amount`), smoothstep ramp; y1 < y0 ramps upward. */
  darkenRamp(y0: number, y1: number, amount: number): this {
    for (let y = 0; y < this.h; y++) {
      const f = Math.max(0, Math.min(1, (y - y0) / (y1 - y0)));
      const v = 1 - amount * f * f * (3 - 2 * f);
      if (v === 1) continue;
      for (let x = 0; x < this.w; x++) {
        const i = (y * this.w + x) * 4;
        this.px[i] *= v; this.px[i + 1] *= v; this.px[i + 2] *= v;
      }
    }
    return this;
  }

  /** Darken the edges (multiplicative), strength 0..1. */
  vignette(strength: number, roundness = 1.0): this {
    const cx = this.w / 2, cy = this.h / 2;
    for (let y = 0; y < this.h; y++) {
      for (let x = 0; x < this.w; x++) {
        const dx = (x - cx) / cx, dy = ((y - cy) / cy) * roundness;
        const d = Math.min(1.5, Math.hypot(dx, dy) / Math.SQRT2);
        const v = 1 - strength * Math.pow(d, 2.2);
        const i = (y * this.w + x) * 4;
        this.px[i] *= v; this.px[i + 1] *= v; this.px[i + 2] *= v;
      }
    }
    return this;
  }

  /** PNG bytes (RGB for opaque canvases, RGBA otherwise), with light ordered dithering against banding. */
  toPNG(withAlpha = false): Buffer {
    const ch = withAlpha ? 4 : 3;
    const stride = this.w * ch + 1;
    const raw = Buffer.alloc(stride * this.h);
    const bayer = [0, 8, 2, 10, 12, 4, 14, 6, 3, 11, 1, 9, 15, 7, 13, 5];
    for (let y = 0; y < this.h; y++) {
      raw[y * stride] = 0;
      for (let x = 0; x < this.w; x++) {
        const i = (y * this.w + x) * 4;
        const dither = (bayer[(y & 3) * 4 + (x & 3)] + 0.5) / 16;
        for (let k = 0; k < ch; k++) {
          const v = k === 3 ? this.px[i + 3] : this.px[i + k];
          raw[y * stride + 1 + x * ch + k] = Math.max(0, Math.min(255, Math.floor(v * 255 + dither)));
        }
      }
    }
    return encodePNG(this.w, this.h, withAlpha ? 6 : 2, raw);
  }
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 255] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function encodePNG(w: number, h: number, colourType: 2 | 6, filtered: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; ihdr[9] = colourType; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(filtered, { level: 6 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
