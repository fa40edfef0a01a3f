/**
 * `npm start`: the whole product on 127.0.0.1 with seeded demo content. Prints each address as
 * `NAME http://127.0.0.1:PORT` (API.md); Ctrl-C stops every part; data stays under DATA_DIR.
 */
import { ensureH5Build } from './h5-build';
import { progressBar } from './progress';
import { stackSettings } from './settings';
import { startStack } from './stack';

async function main() {
  const s = stackSettings();
  ensureH5Build(s);
  console.log(`starting the local stack (data in ${s.dataDir})…`);
  const stack = await startStack(s, {
    app: true,
    jobs: true,
    seed: { onProgress: progressBar('seeding demo dramas') },
    log: process.env.LOG_STACK ? (line) => console.log(line) : undefined,
  });
  for (const name of ['API', 'APP', 'SANDBOX', 'INFERENCE', 'MEDIA']) console.log(`${name} ${stack.urls[name]}`);
  console.log('ready: open APP in a browser. Ctrl-C stops everything.');
  console.log(`operators: ${stack.urls.APP}/#/packages/console/pages/login/index (secret in ${s.dataDir}/operator-secret)`);

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping…');
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
