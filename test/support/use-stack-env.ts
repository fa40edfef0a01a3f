import { readStackInfo, type StackInfo } from './stack-setup';

/** Points the functions' configuration at the stack a project's setup started; call before importing handlers. */
export function useStackEnv(name: string): StackInfo {
  const info = readStackInfo(name);
  Object.assign(process.env, info.apiEnv, { LOG_LEVEL: 'ERROR' });
  return info;
}
