/**
 * Bundles each handler in functions/src/handlers into functions/dist/handlers/<name>.mjs (ESM, Node
 * 20), the files serverless.yml points at, for serverless-offline and for deployment alike. Code
 * shared by handlers (the AWS SDK above all) is split into chunks loaded once per process, which
 * keeps the package and the local stack's memory small.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = join(__dirname, 'src', 'handlers');
const entryPoints = readdirSync(root)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .map((f) => join(root, f));

/** `outdir`: where the bundles go (functions/dist; the deploy test packages a private copy). */
export async function buildFunctions(outdir = join(__dirname, 'dist')): Promise<void> {
  await build({
    entryPoints,
    outdir,
    outbase: join(__dirname, 'src'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    splitting: true,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    // CommonJS dependencies inside an ESM bundle still call require() for Node's built-ins.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    // ffmpeg's package points at its own binary: resolve it at run time (a layer sets FFMPEG_PATH in AWS).
    external: ['@ffmpeg-installer/ffmpeg'],
    sourcemap: true,
    logLevel: 'warning',
  });
}

if (require.main === module) {
  buildFunctions().then(
    () => console.log(`built ${entryPoints.length} handlers into functions/dist/handlers`),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
