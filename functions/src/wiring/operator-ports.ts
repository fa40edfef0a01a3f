import { dynamoLoginAttempts } from '../adapters/dynamodb-login-attempts';

/** Failed operator sign-ins per address, for the throttle. */
export const loginAttempts = dynamoLoginAttempts;
