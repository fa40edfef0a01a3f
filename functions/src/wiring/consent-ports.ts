import { dynamoConsents } from '../adapters/dynamodb-consents';

/**
 * The consent ledger, built once per container. Its own module: the consent routes read and write
 * consents but send nothing, so they do not load the platforms' message senders (or their secrets).
 */
export const consents = dynamoConsents();
