// What `npm test` needs from the machine beyond Node and npm, installed before the suites run.
//
// Everything `npm start` needs comes through npm (ffmpeg, the CJK font, dynalite, s3rver); the test
// suites need two things npm cannot ship: a Chromium for the end-to-end suites (driven by
// playwright-core, never `playwright install`) and Debian's Python stack for the world model (PyPI is
// not reachable from this project's machines). `npm test` runs this first (`pretest`): it checks in a
// few milliseconds, installs what is missing with apt-get when it can, and otherwise stops at once
// with the one command a person must run.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface Need {
  /** What the packages are for, as the message says it. */
  why: string;
  packages: string[];
  present: () => boolean;
}

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// OpenBLAS (pthread build) keeps torch's matmuls fast on Debian's python3-torch; python3-skimage ships the
// sample photographs that are one of the world model's held-out sets (models/world/held_out.py).
const pythonStack = ['python3-torch', 'python3-onnx', 'python3-numpy', 'python3-tqdm', 'python3-pytest', 'python3-pil', 'python3-skimage', 'libopenblas0-pthread'];
// The licence burned into the episodes' opening seconds is read back from a decoded frame.
const ocr = ['tesseract-ocr', 'tesseract-ocr-chi-sim'];

/** Debian packages the suites use, and how each need is seen to be met. */
export const needs: Need[] = [
  {
    why: 'Chromium for the end-to-end suites',
    packages: ['chromium'],
    present: () => existsSync(chromium),
  },
  {
    why: "Debian's Python stack for the world model (pytest, ONNX export, training, the held-out photographs)",
    packages: pythonStack,
    present: () => debianPackagesInstalled(pythonStack),
  },
  {
    why: 'Tesseract OCR with its Simplified Chinese data, to read the burned-in licence back from a frame',
    packages: ocr,
    present: () => spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8' }).stdout?.includes('chi_sim') ?? false,
  },
];

/** One dpkg-query for all of them (a few ms); without dpkg, whether Debian's python3 imports them. */
function debianPackagesInstalled(packages: string[]): boolean {
  const dpkg = spawnSync('dpkg-query', ['-W', '-f=${db:Status-Abbrev}\n', ...packages], { encoding: 'utf8' });
  if (dpkg.error) {
    const probe = spawnSync('/usr/bin/python3', ['-c', 'import torch, onnx, numpy, tqdm, pytest, PIL, skimage'], { stdio: 'ignore' });
    return probe.status === 0;
  }
  const states = dpkg.stdout.split('\n').filter(Boolean);
  return dpkg.status === 0 && states.length === packages.length && states.every((s) => s.startsWith('ii'));
}

export type Plan =
  | { kind: 'ready' }
  | { kind: 'install'; packages: string[]; why: string[] }
  | { kind: 'ask'; command: string; why: string[]; reason: string };

/** What to do, given what is missing and what this process may do. Pure, so it is tested alone. */
export function plan(missing: Need[], can: { root: boolean; apt: boolean }): Plan {
  if (missing.length === 0) return { kind: 'ready' };
  const packages = [...new Set(missing.flatMap((n) => n.packages))];
  const why = missing.map((n) => n.why);
  if (can.root && can.apt) return { kind: 'install', packages, why };
  const reason = !can.apt ? 'apt-get is not available here' : 'installing system packages needs root';
  return { kind: 'ask', command: `sudo apt-get install -y --no-install-recommends ${packages.join(' ')}`, why, reason };
}

function hasApt(): boolean {
  return spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
}

function main(): void {
  const missing = needs.filter((n) => !n.present());
  const next = plan(missing, { root: process.getuid?.() === 0, apt: missing.length > 0 && hasApt() });
  if (next.kind === 'ready') return;
  if (next.kind === 'ask') {
    console.error(`npm test needs ${next.why.join(' and ')}, and ${next.reason}. Run this once, then npm test again:\n\n  ${next.command}\n`);
    process.exit(1);
  }
  console.log(`npm test: installing ${next.packages.join(' ')} (${next.why.join('; ')}) with apt-get, once…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...next.packages], { stdio: 'inherit', env });
  const still = needs.filter((n) => !n.present());
  if (still.length > 0) {
    console.error(`npm test: after apt-get, still missing: ${still.map((n) => n.why).join('; ')}` + (existsSync(chromium) ? '' : ` (CHROMIUM_PATH=${chromium})`));
    process.exit(1);
  }
  console.log('npm test: system packages ready.');
}

if (require.main === module) main();
