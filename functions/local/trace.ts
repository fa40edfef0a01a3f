/**
 * `npm run trace -- <video file>`: which viewer a suspect copy was made for. Works on the local
 * stack's data (DATA_DIR): it uses the running `npm start` if there is one, else starts dynalite and
 * s3rver on the same data for the run. Prints the evidence, then as its last line the contract's JSON
 * `{"seriesId", "episode", "userId", "confidence"}` (userId null when no viewer can be named). The
 * trace is recorded like the console's.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ensureSandboxIdentity } from '../sandbox/keys';
import { localClients } from './aws-clients';
import { portOpen, startChild } from './processes';
import { startS3 } from './s3-server';
import { stackSettings } from './settings';
import { apiEnvironment } from './stack';

async function main() {
  const file = process.argv[2];
  if (!file || !existsSync(file)) {
    process.stderr.write('usage: npm run trace -- <video file>\n');
    process.exit(2);
  }
  const s = stackSettings();
  const stops: Array<() => Promise<void>> = [];
  try {
    if (!(await portOpen(s.ports.dynamodb, s.host))) {
      const bin = path.join(s.rootDir, 'node_modules', 'dynalite', 'cli.js');
      const dynalite = startChild('dynamodb', process.execPath, [bin, '--host', s.host, '--port', String(s.ports.dynamodb), '--path', path.join(s.dataDir, 'dynamodb')], {});
      stops.push(() => dynalite.stop());
      const clients = localClients(s);
      for (let i = 0; !(await portOpen(s.ports.dynamodb, s.host)); i++) {
        if (i > 150) throw new Error('dynalite did not start');
        await new Promise((r) => setTimeout(r, 100));
      }
      clients.dynamodb.destroy();
    }
    if (!(await portOpen(s.ports.s3, s.host))) {
      const s3 = await startS3(s);
      stops.push(s3.close);
    }
    Object.assign(process.env, apiEnvironment(s, ensureSandboxIdentity(s.dataDir)), { LOG_LEVEL: 'ERROR' });
    const { traceFile } = await import('../src/wiring/trace-file');
    const result = await traceFile(path.resolve(file));
    const e = result.evidence;
    for (const m of e.episodes) console.log(`matched ${m.seriesId} episode ${m.episode}: copy ${m.fromS}–${m.toS} s, ${m.segments} segments read`);
    console.log(`bits read ${e.bitsRead} (${e.clearBits} clearly), ${e.agreeingBits} of them agree with the best candidate; ${e.candidates} candidates`);
    for (const r of e.ranking) console.log(`  ${r.userId}  score ${r.score}`);
    console.log(JSON.stringify({ seriesId: result.seriesId, episode: result.episode, userId: result.userId, confidence: result.confidence }));
  } finally {
    for (const stop of stops.reverse()) await stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
