import { dynamoHabits } from '../adapters/dynamodb-habits';

/** Follows, watch history and resume points, in the viewer's partition (the release job fans out over followers). */
export const habits = dynamoHabits;
