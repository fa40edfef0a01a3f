// Generated soundtrack beds for the seed episodes: a small additive synth with a light reverb, one
// mood per genre (tense drone and heartbeat / sweet pad and music box / eerie drone and rain hiss).
// Output is a 16-bit stereo WAV the renderer cuts per episode and encodes to AAC.
import type { SeedLook } from './catalog';
import { rng } from './paint';

export const SAMPLE_RATE = 44100;

const midi = (m: number) => 440 * Math.pow(2, (m - 69) / 12);
const TAU = Math.PI * 2;

/** Percussive hit: sine gliding from f0 down to f1, with exponential decay. */
function thump(t: number, f0: number, f1: number, decay: number): number {
  if (t < 0 || t > 6 / decay) return 0;
  const phase = TAU * (f1 * t + ((f0 - f1) * (1 - Math.exp(-t * 8))) / 8);
  return Math.sin(phase) * Math.exp(-t * decay) * Math.min(1, t * 250);
}

function bell(t: number, f: number, decay: number): number {
  if (t < 0) return 0;
  const e = Math.exp(-t * decay) * Math.min(1, t * 400);
  return e * (Math.sin(TAU * f * t) + 0.35 * Math.sin(TAU * 2 * f * t) * Math.exp(-t * 3) + 0.12 * Math.sin(TAU * 3.01 * f * t) * Math.exp(-t * 6));
}

class Reverb {
  private combs: Array<{ buf: Float32Array; i: number; store: number }>;
  private aps: Array<{ buf: Float32Array; i: number }>;
  constructor(spread: number) {
    this.combs = [1116, 1188, 1277, 1356, 1422, 1491].map((n) => ({ buf: new Float32Array(n + spread), i: 0, store: 0 }));
    this.aps = [556, 441, 341].map((n) => ({ buf: new Float32Array(n + spread), i: 0 }));
  }
  process(x: number): number {
    let out = 0;
    for (const c of this.combs) {
      const y = c.buf[c.i];
      c.store = y * 0.7 + c.store * 0.3;
      c.buf[c.i] = x + c.store * 0.82;
      c.i = (c.i + 1) % c.buf.length;
      out += y;
    }
    out /= this.combs.length;
    for (const a of this.aps) {
      const b = a.buf[a.i];
      a.buf[a.i] = out + b * 0.5;
      a.i = (a.i + 1) % a.buf.length;
      out = b - out * 0.5;
    }
    return out;
  }
}

type Voice = (t: number, ch: 0 | 1) => number;

function tense(): Voice {
  const drone = [38, 45, 50, 53].map(midi);
  return (t, ch) => {
    const swell = 0.6 + 0.4 * Math.sin(TAU * 0.07 * t - 1.2);
    let s = 0;
    drone.forEach((f, k) => {
      const det = ch ? 1.002 : 0.998;
      s += (0.22 / (k + 1)) * (Math.sin(TAU * f * det * t) + 0.3 * Math.sin(TAU * 2 * f * t + k)) * swell;
    });
    // tremolo strings: a rub of a minor second, creeping in
    const strings = Math.min(1, Math.max(0, (t - 4) / 8)) * 0.05 * (0.6 + 0.4 * Math.sin(TAU * 7 * t));
    s += strings * (Math.sin(TAU * midi(69) * t) + Math.sin(TAU * midi(70) * (ch ? 1.001 : 1) * t));
    // heartbeat at 64 bpm
    const beat = 60 / 64;
    const bt = t % beat;
    s += 0.55 * thump(bt, 75, 46, 14) + 0.35 * thump(bt - 0.28, 70, 44, 16);
    // a low boom every 8 s
    s += 0.6 * thump(t % 8, 95, 32, 2.2);
    return s;
  };
}

function sweet(): Voice {
  const chords = [[53, 57, 60, 64], [50, 57, 60, 65], [46, 53, 57, 62], [48, 55, 60, 62]];
  const freqs = chords.map((c) => c.map(midi));
  const bass = chords.map((c) => midi(c[0] - 12));
  const bar = 4;
  const step = 0.375;
  const pattern = [0, 1, 2, 3, 2, 1, 3, 2];
  const pad = (ci: number, t: number, ch: 0 | 1) => {
    const det = ch ? 1.0015 : 0.9985;
    let s = 0;
    const fs = freqs[ci];
    for (let k = 0; k < fs.length; k++) {
      const f = fs[k] * det;
      s += 0.09 * (Math.sin(TAU * f * t + k) + 0.2 * Math.sin(TAU * 2 * f * t));
    }
    return s + 0.12 * Math.sin(TAU * bass[ci] * t);
  };
  return (t, ch) => {
    const ci = Math.floor(t / bar) % chords.length;
    const fadeIn = Math.min(1, (t % bar) / 0.9);
    // pad, crossfading from the previous chord
    let s = fadeIn * pad(ci, t, ch);
    if (t >= bar && fadeIn < 1) s += (1 - fadeIn) * pad((ci + chords.length - 1) % chords.length, t, ch);
    // music box arpeggio, alternating slightly left and right
    const n = Math.floor(t / step);
    for (let back = 0; back < 3; back++) {
      const k = n - back;
      if (k < 0) continue;
      const note = chords[Math.floor((k * step) / bar) % chords.length][pattern[k % pattern.length]] + 24;
      const pan = k % 2 ? (ch ? 0.7 : 1) : ch ? 1 : 0.7;
      s += 0.09 * pan * bell(t - k * step, midi(note), 2.6);
    }
    return s;
  };
}

function eerie(seed: number): Voice {
  const r = rng(seed);
  const noiseL = new Float32Array(SAMPLE_RATE).map(() => r() * 2 - 1);
  const noiseR = new Float32Array(SAMPLE_RATE).map(() => r() * 2 - 1);
  let lpL = 0, lpR = 0, lowL = 0, lowR = 0;
  return (t, ch) => {
    let s = 0;
    const beatA = 0.5 + 0.5 * Math.sin(TAU * 0.11 * t);
    s += 0.22 * Math.sin(TAU * midi(36) * t) * (0.7 + 0.3 * beatA);
    s += 0.16 * Math.sin(TAU * midi(42) * (ch ? 1.003 : 0.997) * t) * (1 - 0.4 * beatA);
    s += 0.06 * Math.sin(TAU * midi(48) * 1.5 * t);
    // glassy high tone drifting in and out
    const g = Math.pow(Math.max(0, Math.sin(TAU * (t / 14) - 0.8)), 3);
    s += 0.05 * g * Math.sin(TAU * midi(83) * t + 3 * Math.sin(TAU * 5 * t) * 0.02);
    // slow pulse
    s += 0.3 * thump(t % 1.8, 60, 38, 9);
    // rain hiss: band-limited noise
    const i = Math.floor(t * SAMPLE_RATE) % SAMPLE_RATE;
    const x = ch ? noiseR[i] : noiseL[i];
    if (ch) { lpR += (x - lpR) * 0.35; lowR += (lpR - lowR) * 0.02; s += 0.05 * (lpR - lowR); }
    else { lpL += (x - lpL) * 0.35; lowL += (lpL - lowL) * 0.02; s += 0.05 * (lpL - lowL); }
    return s;
  };
}

/** Render `seconds` of the look's soundtrack bed as a 16-bit stereo WAV. */
export function synthBed(look: Pick<SeedLook, 'mood' | 'seed'>, seconds: number): Buffer {
  const n = Math.ceil(seconds * SAMPLE_RATE);
  const voice = look.mood === 'tense' ? tense() : look.mood === 'sweet' ? sweet() : eerie(look.seed);
  const out = [new Float32Array(n), new Float32Array(n)];
  const rev = [new Reverb(0), new Reverb(23)];
  const wet = look.mood === 'sweet' ? 0.45 : 0.3;
  let peak = 1e-6;
  for (let i = 0; i < n; i++) {
    const t = i / SAMPLE_RATE;
    for (const ch of [0, 1] as const) {
      const dry = voice(t, ch);
      const v = dry * (1 - wet * 0.5) + rev[ch].process(dry) * wet * 2;
      out[ch][i] = v;
      peak = Math.max(peak, Math.abs(v));
    }
  }
  const gain = 0.5 / peak; // about -6 dBFS: present but quiet under dialogue captions
  const wav = Buffer.alloc(44 + n * 4);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + n * 4, 4);
  wav.write('WAVE', 8, 'ascii');
  wav.write('fmt ', 12, 'ascii');
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(2, 22);
  wav.writeUInt32LE(SAMPLE_RATE, 24);
  wav.writeUInt32LE(SAMPLE_RATE * 4, 28);
  wav.writeUInt16LE(4, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(n * 4, 40);
  for (let i = 0; i < n; i++) {
    for (let ch = 0; ch < 2; ch++) {
      const v = Math.max(-1, Math.min(1, out[ch][i] * gain));
      wav.writeInt16LE(Math.round(v * 32767), 44 + i * 4 + ch * 2);
    }
  }
  return wav;
}
