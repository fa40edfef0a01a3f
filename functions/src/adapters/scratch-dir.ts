import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Scratch } from '../domain/media/hls';

/** A scratch folder under the OS temp dir (on Lambda, /tmp), removed when the run ends, however it ends. */
export function tempScratch(prefix = 'drama-ingest-'): Scratch {
  return {
    async run(work) {
      const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
      try {
        return await work((name) => path.join(dir, name));
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
