import { dynamoHabits } from '../adapters/dynamodb-habits';
import { json, route } from '../lib/http';

export const handler = route({ auth: 'required' }, async ({ caller }) => json(200, { items: await dynamoHabits.follows(caller.userId) }, { 'cache-control': 'no-store' }));
