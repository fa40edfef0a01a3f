import { Logger } from '@aws-lambda-powertools/logger';

/** One structured logger for every function, built once at module scope. */
export const logger = new Logger({
  serviceName: 'drama-api',
  logLevel: (process.env.LOG_LEVEL as 'INFO' | 'DEBUG' | 'WARN' | 'ERROR' | undefined) ?? 'INFO',
});
