import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { buildFunctions } from '../../functions/build';
import { rootDir } from '../../functions/local/settings';

export interface CloudFormationTemplate {
  Resources: Record<string, { Type: string; Properties?: Record<string, any>; DependsOn?: unknown; DeletionPolicy?: string; UpdateReplacePolicy?: string }>;
  Outputs?: Record<string, unknown>;
}

/**
 * `npm run package` in a private copy of the service: the handlers bundled into its own
 * functions/dist and `osls package --stage prod` run there with a clean environment (no AWS account,
 * none of the local stack's overrides), so a test stack rebuilding functions/dist at the same time
 * cannot change the files being zipped. Returns the CloudFormation template osls would deploy.
 */
export async function packageTemplate(): Promise<{ template: CloudFormationTemplate; dir: string; cleanup: () => void }> {
  mkdirSync(join(rootDir, '.tmp'), { recursive: true });
  const dir = mkdtempSync(join(rootDir, '.tmp', 'deploy-'));
  copyFileSync(join(rootDir, 'serverless.yml'), join(dir, 'serverless.yml'));
  copyFileSync(join(rootDir, 'package.json'), join(dir, 'package.json'));
  symlinkSync(join(rootDir, 'node_modules'), join(dir, 'node_modules'), 'dir');
  await buildFunctions(join(dir, 'functions', 'dist'));
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off' };
  const run = spawnSync(process.execPath, [join(rootDir, 'node_modules', 'osls', 'bin', 'serverless.js'), 'package', '--stage', 'prod', '--package', join(dir, 'out')], {
    cwd: dir,
    env,
    encoding: 'utf8',
    timeout: 240_000,
  });
  if (run.status !== 0) throw new Error(`osls package failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
  const template = JSON.parse(readFileSync(join(dir, 'out', 'cloudformation-template-update-stack.json'), 'utf8')) as CloudFormationTemplate;
  return { template, dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
