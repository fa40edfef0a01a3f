import { moderationQueue } from '../domain/comments/moderation';
import { commentPorts } from '../lib/comment-ports';
import { json, route } from '../lib/http';

/** The moderation queue: held comments, newest first. */
export const handler = route({ auth: 'operator' }, async () => json(200, await moderationQueue(commentPorts.comments), { 'cache-control': 'no-store' }));
