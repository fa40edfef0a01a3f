import { dynamoHabits } from '../adapters/dynamodb-habits';
import { json, route } from '../lib/http';

/** Watch history, most recent first: the feed's "continue watching". */
export const handler = route({ auth: 'required' }, async ({ caller }) => json(200, { items: await dynamoHabits.history(caller.userId) }, { 'cache-control': 'no-store' }));
