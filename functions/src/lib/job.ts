import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { logRequestContext } from './logger';

/**
 * A scheduled or asynchronously invoked function (the jobs of serverless.yml, the scene batch, the
 * trace): what it logs carries the invocation's request id, as a route's lines do — Lambda's, or a
 * fresh one when it is called without a context (the local scheduler, tests), never the last run's.
 */
export function job<E, R>(run: (event: E) => Promise<R>): (event?: E, context?: Context) => Promise<R> {
  return (event, context) => {
    logRequestContext(context, context?.awsRequestId ?? randomUUID());
    return run(event as E);
  };
}
