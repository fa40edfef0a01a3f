// Painted backdrops and particle sprites for the seed renderer, one scene per series look.
// Pure functions of (look, size): the renderer caches the PNGs they produce.
import type { SeedLook } from './catalog';
import {
  Canvas, type Sdf, type Box, circle, ellipse, rect, poly, union, smoothUnion, rotate, hex, mix, rng,
} from './paint';

const bbox = (x0: number, y0: number, x1: number, y1: number): Box => ({ x0, y0, x1, y1 });

/** Woman standing in a gown, front view; (cx, top) = top of head, hf = full height. */
function womanInGown(cx: number, top: number, hf: number): { sdf: Sdf; box: Box } {
  const u = hf;
  const head = ellipse(cx, top + 0.062 * u, 0.04 * u, 0.052 * u);
  const hair = smoothUnion(
    0.02 * u,
    ellipse(cx, top + 0.07 * u, 0.052 * u, 0.07 * u),
    rect(cx - 0.055 * u, top + 0.07 * u, cx + 0.055 * u, top + 0.2 * u, 0.03 * u),
  );
  const neck = rect(cx - 0.016 * u, top + 0.1 * u, cx + 0.016 * u, top + 0.15 * u);
  const bodice = poly([
    [cx - 0.085 * u, top + 0.16 * u], [cx + 0.085 * u, top + 0.16 * u],
    [cx + 0.05 * u, top + 0.35 * u], [cx - 0.05 * u, top + 0.35 * u],
  ]);
  const shoulders = ellipse(cx, top + 0.175 * u, 0.088 * u, 0.03 * u);
  const armL = poly([[cx - 0.088 * u, top + 0.17 * u], [cx - 0.07 * u, top + 0.17 * u], [cx - 0.085 * u, top + 0.46 * u], [cx - 0.102 * u, top + 0.46 * u]]);
  const armR = poly([[cx + 0.088 * u, top + 0.17 * u], [cx + 0.07 * u, top + 0.17 * u], [cx + 0.085 * u, top + 0.46 * u], [cx + 0.102 * u, top + 0.46 * u]]);
  const gownPts: Array<[number, number]> = [];
  const steps = 16;
  gownPts.push([cx - 0.05 * u, top + 0.34 * u], [cx + 0.05 * u, top + 0.34 * u]);
  for (let i = 0; i <= steps; i++) {
    const f = i / steps;
    const x = cx + (0.21 - 0.42 * f) * u;
    const y = top + u - 0.012 * u * Math.sin(f * Math.PI * 3);
    gownPts.push([x, y]);
  }
  const gown = poly(gownPts);
  const sdf = smoothUnion(0.012 * u, hair, head, neck, shoulders, bodice, armL, armR, gown);
  return { sdf, box: bbox(cx - 0.25 * u, top - 0.01 * u, cx + 0.25 * u, top + u + 0.02 * u) };
}

/** Head and shoulders (bust), front view, optionally with long hair and a head tilt; s = head height-ish unit. */
function bust(cx: number, top: number, s: number, opts: { longHair?: boolean; tilt?: number; broad?: boolean } = {}): { sdf: Sdf; box: Box } {
  const hy = top + 0.45 * s;
  let head: Sdf = ellipse(cx, hy, 0.31 * s, 0.41 * s);
  if (opts.longHair) {
    head = smoothUnion(0.1 * s, ellipse(cx, hy - 0.03 * s, 0.37 * s, 0.46 * s),
      poly([[cx - 0.36 * s, hy], [cx + 0.36 * s, hy], [cx + 0.5 * s, top + 1.75 * s], [cx - 0.5 * s, top + 1.75 * s]]));
  } else {
    head = smoothUnion(0.06 * s, head, ellipse(cx, hy - 0.1 * s, 0.34 * s, 0.34 * s));
  }
  if (opts.tilt) head = rotate(head, cx, top + 1.0 * s, opts.tilt);
  const neck = poly([[cx - 0.13 * s, top + 0.7 * s], [cx + 0.13 * s, top + 0.7 * s], [cx + 0.17 * s, top + 1.08 * s], [cx - 0.17 * s, top + 1.08 * s]]);
  const k = opts.broad ? 1.2 : 0.95;
  const torso = poly([
    [cx - 0.18 * s, top + 1.0 * s], [cx - 0.75 * k * s, top + 1.28 * s], [cx - 0.98 * k * s, top + 1.52 * s],
    [cx - 1.04 * k * s, top + 3.4 * s], [cx + 1.04 * k * s, top + 3.4 * s],
    [cx + 0.98 * k * s, top + 1.52 * s], [cx + 0.75 * k * s, top + 1.28 * s], [cx + 0.18 * s, top + 1.0 * s],
  ]);
  const sdf = smoothUnion(0.12 * s, head, neck, torso);
  return { sdf, box: bbox(cx - 1.35 * s, top - 0.2 * s, cx + 1.35 * s, top + 3.4 * s) };
}

/** Figure under an umbrella, back view; (cx, ground) = feet. */
function umbrellaFigure(cx: number, ground: number, hf: number): { body: { sdf: Sdf; box: Box }; canopy: { sdf: Sdf; box: Box } } {
  const u = hf;
  const coat = poly([
    [cx - 0.04 * u, ground - 0.8 * u], [cx - 0.13 * u, ground - 0.76 * u], [cx - 0.15 * u, ground - 0.7 * u],
    [cx - 0.17 * u, ground - 0.2 * u], [cx + 0.17 * u, ground - 0.2 * u],
    [cx + 0.15 * u, ground - 0.7 * u], [cx + 0.13 * u, ground - 0.76 * u], [cx + 0.04 * u, ground - 0.8 * u],
  ]);
  const head = ellipse(cx, ground - 0.86 * u, 0.058 * u, 0.072 * u);
  const legs = union(
    poly([[cx - 0.1 * u, ground - 0.22 * u], [cx - 0.02 * u, ground - 0.22 * u], [cx - 0.035 * u, ground], [cx - 0.085 * u, ground]]),
    poly([[cx + 0.02 * u, ground - 0.22 * u], [cx + 0.1 * u, ground - 0.22 * u], [cx + 0.085 * u, ground], [cx + 0.035 * u, ground]]));
  const armUp = poly([[cx + 0.08 * u, ground - 0.74 * u], [cx + 0.14 * u, ground - 0.7 * u], [cx + 0.06 * u, ground - 0.92 * u], [cx + 0.02 * u, ground - 0.9 * u]]);
  const shaft = rect(cx + 0.025 * u, ground - 1.04 * u, cx + 0.036 * u, ground - 0.86 * u);
  const body = smoothUnion(0.02 * u, coat, head, legs, armUp, shaft);
  const domeCx = cx + 0.03 * u, domeCy = ground - 1.0 * u;
  const dome = (x: number, y: number) => Math.max(ellipse(domeCx, domeCy, 0.4 * u, 0.22 * u)(x, y), y - domeCy - 0.01 * u
    - 0.025 * u * Math.abs(Math.sin(((x - domeCx) / (0.36 * u)) * Math.PI * 2.5)));
  const canopy = union(dome, rect(domeCx - 0.005 * u, domeCy - 0.26 * u, domeCx + 0.005 * u, domeCy - 0.18 * u));
  return {
    body: { sdf: body, box: bbox(cx - 0.22 * u, ground - 1.06 * u, cx + 0.22 * u, ground + 2) },
    canopy: { sdf: canopy, box: bbox(domeCx - 0.42 * u, domeCy - 0.3 * u, domeCx + 0.42 * u, domeCy + 0.06 * u) },
  };
}

function ballroom(c: Canvas, look: SeedLook): void {
  const { w, h } = c;
  const r = rng(look.seed);
  const s = Math.min(w / 540, h / 960);
  const glow = look.palette.glow;
  c.vgradient(look.palette.sky.map((col, i, a) => [i / (a.length - 1), col] as [number, string]));
  // arched windows in the back wall
  for (const wx of [0.17, 0.83]) {
    const cx = w * wx, x0 = cx - 62 * s, x1 = cx + 62 * s, y0 = h * 0.1, y1 = h * 0.5;
    const arch = union(rect(x0, y0 + 62 * s, x1, y1), circle(cx, y0 + 62 * s, 62 * s));
    c.shape(arch, mix(hex(look.palette.sky[1]), hex(glow), 0.25), 0.55, 2, bbox(x0 - 4, y0 - 4, x1 + 4, y1 + 4));
    c.glow(cx, (y0 + y1) / 2, 120 * s, 240 * s, glow, 0.12);
    for (const mx of [cx - 1 * s]) c.shape(rect(mx - 3 * s, y0, mx + 3 * s, y1), look.palette.shadow, 0.7, 1.5, bbox(mx - 5 * s, y0, mx + 5 * s, y1));
    for (let k = 1; k < 4; k++) {
      const my = y0 + 62 * s + ((y1 - y0 - 62 * s) * k) / 4;
      c.shape(rect(x0, my - 2.5 * s, x1, my + 2.5 * s), look.palette.shadow, 0.7, 1.5, bbox(x0, my - 4 * s, x1, my + 4 * s));
    }
  }
  // pillars framing the room
  for (const [x0, x1] of [[0, w * 0.07], [w * 0.93, w]]) {
    c.shape(rect(x0, 0, x1, h), look.palette.shadow, 0.85, 3, bbox(x0 - 6, 0, x1 + 6, h));
  }
  // chandelier and its out-of-focus crystals
  c.glow(w / 2, h * 0.06, 260 * s, 170 * s, glow, 0.55);
  for (let i = 0; i < 46; i++) {
    const bx = w * (0.12 + 0.76 * r()), by = h * (0.01 + 0.3 * r() * r()), br = (5 + 22 * r()) * s;
    c.shape(circle(bx, by, br), glow, 0.08 + 0.28 * r(), br * 0.5, bbox(bx - br * 1.6, by - br * 1.6, bx + br * 1.6, by + br * 1.6), 'add');
  }
  // spotlight cone onto the heroine
  const gy = h * 0.76;
  c.shape(poly([[w / 2 - 30 * s, -20], [w / 2 + 30 * s, -20], [w / 2 + 165 * s, gy], [w / 2 - 165 * s, gy]]), glow, 0.13, 60 * s, undefined, 'add');
  c.glow(w / 2, gy, 240 * s, 46 * s, glow, 0.55);
  // polished floor
  c.shape(rect(-10, gy + 10 * s, w + 10, h + 10), look.palette.shadow, 0.45, 40 * s);
  // heroine
  const fig = womanInGown(w / 2, gy - 400 * s, 400 * s);
  c.glow(w / 2, gy - 220 * s, 150 * s, 260 * s, glow, 0.22);
  c.silhouette(fig.sdf, look.palette.shadow, glow, 2.2 * s, fig.box, 0.95);
  // blurred foreground guests
  const guests: Array<[number, number, number, boolean]> = [[0.02, 0.8, 62, true], [0.2, 0.86, 54, false], [0.86, 0.82, 60, false], [1.0, 0.79, 66, true]];
  for (const [gx, gyy, gs, lh] of guests) {
    const b = bust(w * gx, h * gyy, gs * s, { longHair: lh, broad: !lh });
    c.shape(b.sdf, look.palette.shadow, 0.96, 7 * s, b.box);
  }
  c.vignette(0.7);
}

function skyline(c: Canvas, look: SeedLook): void {
  const { w, h } = c;
  const r = rng(look.seed);
  const s = Math.min(w / 540, h / 960);
  const sh = hex(look.palette.shadow);
  const horizon = h * 0.64;
  const stops = look.palette.sky.map((col, i, a) => [(i / (a.length - 1)) * 0.66, col] as [number, string]);
  c.vgradient([...stops, [1, look.palette.sky[look.palette.sky.length - 1]]]);
  // setting sun and soft clouds
  c.glow(w * 0.5, horizon, 420 * s, 300 * s, '#ffe6b8', 0.55);
  c.glow(w * 0.5, horizon - 10 * s, 80 * s, 80 * s, '#fff2d6', 0.8, 'add', 1.2);
  for (let i = 0; i < 6; i++) {
    const cx = w * r(), cy = h * (0.18 + 0.3 * r()), cw = (120 + 140 * r()) * s, ch = (14 + 14 * r()) * s;
    c.glow(cx, cy, cw, ch, mix(hex(look.palette.sky[2]), hex('#ffffff'), 0.35), 0.35, 'over', 1.5);
  }
  // string of fairy lights
  for (let x = -10; x <= w + 10; x += 26 * s) {
    const f = x / w;
    const y = h * 0.08 + 70 * s * (1 - Math.pow(2 * f - 1, 2)) + h * 0.03 * f;
    c.glow(x, y, 16 * s, 16 * s, '#fff0c8', 0.5, 'add', 1.5);
    c.shape(circle(x, y, 3 * s), '#fff6de', 0.95, 1.2, bbox(x - 5 * s, y - 5 * s, x + 5 * s, y + 5 * s));
  }
  // two layers of city
  for (const [layer, shade, hmin, hmax] of [[0, 0.55, 0.06, 0.2], [1, 0.15, 0.1, 0.3]] as const) {
    let x = -20;
    while (x < w + 20) {
      const bw = (34 + 50 * r()) * s, bh = h * (hmin + (hmax - hmin) * r());
      const top = horizon - bh + (layer ? 40 * s : 0);
      const col = mix(sh, hex(look.palette.sky[1]), shade);
      c.shape(rect(x, top, x + bw - 2, h), col, 1, 1.2, bbox(x, top, x + bw, h));
      for (let wy = top + 8 * s; wy < horizon + 60 * s; wy += 13 * s) {
        for (let wx = x + 6 * s; wx < x + bw - 10 * s; wx += 11 * s) {
          if (r() < 0.32) c.shape(rect(wx, wy, wx + 5 * s, wy + 7 * s), '#ffd89a', layer ? 0.75 : 0.4, 1, bbox(wx - 1, wy - 1, wx + 6 * s, wy + 8 * s));
        }
      }
      x += bw;
    }
  }
  // out-of-focus city lights
  for (let i = 0; i < 26; i++) {
    const bx = w * r(), by = horizon + h * 0.2 * r(), br = (8 + 20 * r()) * s;
    c.shape(circle(bx, by, br), i % 3 ? '#ffc9a8' : '#ff9fc0', 0.12 + 0.2 * r(), br * 0.5, bbox(bx - br * 2, by - br * 2, bx + br * 2, by + br * 2), 'add');
  }
  // the couple on the terrace
  const man = bust(w * 0.585, h * 0.47, 64 * s, { broad: true });
  const woman = bust(w * 0.425, h * 0.515, 56 * s, { longHair: true, tilt: 0.2 });
  c.glow(w * 0.5, h * 0.56, 220 * s, 180 * s, look.palette.glow, 0.22);
  c.silhouette(union(man.sdf, woman.sdf), '#1a0b20', look.palette.glow, 2 * s,
    bbox(Math.min(man.box.x0, woman.box.x0), man.box.y0, Math.max(man.box.x1, woman.box.x1), Math.max(man.box.y1, woman.box.y1)), 0.9);
  // terrace railing in front of them
  const ry = h * 0.72;
  c.shape(rect(-10, ry, w + 10, h + 10), look.palette.shadow, 1, 1.5);
  c.shape(rect(-10, ry - 8 * s, w + 10, ry + 4 * s, 3 * s), mix(sh, hex(look.palette.glow), 0.25), 1, 1.5, bbox(-10, ry - 10 * s, w + 10, ry + 6 * s));
  c.glow(w * 0.5, ry - 6 * s, 300 * s, 10 * s, look.palette.glow, 0.35);
  c.vignette(0.5);
}

function rainyStreet(c: Canvas, look: SeedLook): void {
  const { w, h } = c;
  const r = rng(look.seed);
  const s = Math.min(w / 540, h / 960);
  const amber = look.palette.glow;
  c.vgradient(look.palette.sky.map((col, i, a) => [i / (a.length - 1), col] as [number, string]));
  // the building across the street
  const bx0 = w * 0.1, bx1 = w * 0.98, by0 = h * 0.02, by1 = h * 0.7;
  c.shape(rect(bx0, by0, bx1, by1), '#0c171d', 1, 1.5);
  const cols = 4, rows = 9;
  const cw = (bx1 - bx0) / cols, rh = (by1 - by0) / rows;
  let lit: [number, number] | null = null;
  for (let row = 0; row < rows; row++) {
    const fy = by0 + row * rh;
    c.shape(rect(bx0, fy + rh - 4 * s, bx1, fy + rh), '#060b0f', 1, 1, bbox(bx0, fy + rh - 5 * s, bx1, fy + rh + 1));
    for (let col = 0; col < cols; col++) {
      const wx0 = bx0 + col * cw + cw * 0.18, wx1 = wx0 + cw * 0.64, wy0 = fy + rh * 0.18, wy1 = fy + rh * 0.78;
      const isLit = row === 2 && col === 1;
      const v = r();
      const colour = isLit ? amber : v < 0.2 ? '#2b4654' : '#111f27';
      c.shape(rect(wx0, wy0, wx1, wy1, 2 * s), colour, isLit ? 1 : 0.95, 1.2, bbox(wx0 - 2, wy0 - 2, wx1 + 2, wy1 + 2));
      if (isLit) lit = [(wx0 + wx1) / 2, (wy0 + wy1) / 2];
      // rain-streaked glass
      c.shape(rect(wx0, wy0, wx1, wy0 + 3 * s), '#000000', 0.35, 2, bbox(wx0, wy0, wx1, wy0 + 4 * s));
    }
  }
  if (lit) {
    const [lx, ly] = lit;
    const ww = cw * 0.64, wh = rh * 0.6;
    c.glow(lx, ly, ww * 1.6, wh * 1.5, amber, 0.45);
    // a figure standing at the window of 702
    const fig = bust(lx + ww * 0.08, ly - wh * 0.28, wh * 0.19, { broad: true });
    c.shape((x, y) => Math.max(fig.sdf(x, y), y - (ly + wh / 2)), '#1a0c05', 0.92, 1.5, bbox(lx - ww / 2, ly - wh / 2, lx + ww / 2, ly + wh / 2));
    // half-drawn curtain
    c.shape(rect(lx - ww / 2, ly - wh / 2, lx - ww * 0.22, ly + wh / 2), '#7a3b12', 0.75, 2, bbox(lx - ww / 2, ly - wh / 2, lx, ly + wh / 2));
  }
  // mist between building and street
  c.glow(w * 0.5, h * 0.68, w * 0.9, h * 0.1, '#4d7482', 0.18, 'over', 1.2);
  // street lamp
  const lampX = w * 0.13, lampY = h * 0.38;
  c.shape(rect(lampX - 4 * s, lampY, lampX + 4 * s, h * 0.84), '#050809', 1, 1.2, bbox(lampX - 6 * s, lampY, lampX + 6 * s, h * 0.84));
  c.shape(rect(lampX - 4 * s, lampY - 4 * s, lampX + 46 * s, lampY + 4 * s, 3 * s), '#050809', 1, 1.2, bbox(lampX - 6 * s, lampY - 6 * s, lampX + 50 * s, lampY + 6 * s));
  c.shape(poly([[lampX + 28 * s, lampY + 4 * s], [lampX + 52 * s, lampY + 4 * s], [lampX + 110 * s, h * 0.84], [lampX - 30 * s, h * 0.84]]), '#ffcf8a', 0.1, 26 * s, undefined, 'add');
  c.glow(lampX + 40 * s, lampY + 10 * s, 60 * s, 60 * s, '#ffd9a0', 0.9, 'add', 1.6);
  // wet asphalt with reflections
  const gy = h * 0.8;
  c.shape(rect(-10, gy, w + 10, h + 10), '#04080b', 0.92, 20 * s);
  c.glow(lampX + 40 * s, h * 0.92, 40 * s, 110 * s, '#ffb866', 0.3);
  if (lit) c.glow(lit[0], h * 0.9, 26 * s, 90 * s, amber, 0.22);
  c.glow(lampX + 40 * s, h * 0.84, 120 * s, 20 * s, '#ffcf8a', 0.35);
  // puddle ripples
  for (let i = 0; i < 9; i++) {
    const px = w * r(), py = gy + (h - gy) * (0.2 + 0.7 * r()), pr = (10 + 24 * r()) * s;
    c.shape((x, y) => Math.abs(ellipse(px, py, pr, pr * 0.22)(x, y)) - 0.6, '#7fa6b5', 0.1, 1.2, bbox(px - pr - 2, py - pr * 0.3 - 2, px + pr + 2, py + pr * 0.3 + 2));
  }
  // the witness under a red umbrella, watching the window
  const fig = umbrellaFigure(w * 0.68, h * 0.93, 360 * s);
  c.silhouette(fig.body.sdf, look.palette.shadow, '#6f9aa8', 1.4 * s, fig.body.box, 0.35);
  // ground mist over the feet
  c.glow(w * 0.66, h * 0.94, 220 * s, 40 * s, '#1c2c34', 0.85, 'over', 1.2);
  c.silhouette(fig.canopy.sdf, '#5c0d14', '#ff5a5a', 1.6 * s, fig.canopy.box, 0.6);
  c.glow(w * 0.71, h * 0.93 - 360 * s, 110 * s, 50 * s, '#ff3b3b', 0.12);
  c.vignette(0.8);
}

/** The series backdrop at any size (the video canvas is slightly larger than the frame, for camera drift). */
export function paintScene(look: SeedLook, w: number, h: number): Canvas {
  const c = new Canvas(w, h);
  if (look.scene === 'ballroom') ballroom(c, look);
  else if (look.scene === 'skyline') skyline(c, look);
  else rainyStreet(c, look);
  return c;
}

export interface Sprite { name: string; png: Buffer; w: number; h: number }

/** Soft disc with a brighter rim, like an out-of-focus light. */
function bokehSprite(name: string, d: number, colour: string, peak: number): Sprite {
  const c = new Canvas(d, d, false);
  const col = hex(colour);
  const r = d / 2 - 1;
  for (let y = 0; y < d; y++) for (let x = 0; x < d; x++) {
    const dist = Math.hypot(x + 0.5 - d / 2, y + 0.5 - d / 2) / r;
    if (dist >= 1) continue;
    const edge = Math.min(1, (1 - dist) * r / 2.5);
    const a = peak * edge * (0.55 + 0.45 * Math.pow(dist, 4));
    const i = (y * d + x) * 4;
    c.px[i] = col[0]; c.px[i + 1] = col[1]; c.px[i + 2] = col[2]; c.px[i + 3] = a;
  }
  return { name, png: c.toPNG(true), w: d, h: d };
}

/** Big soft light leak swept across the frame. */
function leakSprite(name: string, d: number, colour: string, peak: number): Sprite {
  const c = new Canvas(d, d, false);
  const col = hex(colour);
  for (let y = 0; y < d; y++) for (let x = 0; x < d; x++) {
    const dist = Math.hypot((x - d / 2) / (d / 2), (y - d / 2) / (d / 2.6));
    if (dist >= 1) continue;
    const i = (y * d + x) * 4;
    c.px[i] = col[0]; c.px[i + 1] = col[1]; c.px[i + 2] = col[2]; c.px[i + 3] = peak * Math.pow(1 - dist, 2);
  }
  return { name, png: c.toPNG(true), w: d, h: d };
}

/**
 * Sprites a look overlays (each overlay costs per frame, so only the big soft shapes are sprites; embers,
 * hearts and rain are scrolling glyph fields drawn by the renderer).
 */
export function paintSprites(look: SeedLook): Sprite[] {
  const out: Sprite[] = [];
  if (look.particles === 'bokeh') {
    out.push(bokehSprite('bokeh-s', 56, '#ffffff', 0.3), bokehSprite('bokeh-m', 96, look.palette.glow, 0.26),
      bokehSprite('bokeh-l', 140, look.palette.accent, 0.18));
  }
  if (look.lightLeak) out.push(leakSprite('leak', 420, look.palette.glow, 0.3));
  return out;
}
