import { moderationQueue } from '../domain/comments/moderation';
import { json, route } from '../lib/http';
import { commentPorts } from '../wiring/comment-ports';

/** The moderation queue: held comments, newest first. */
export const handler = route({ auth: 'operator' }, async () => json(200, await moderationQueue(commentPorts.comments), { 'cache-control': 'no-store' }));
