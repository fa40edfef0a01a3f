import type { ViewerCodeOutput } from '@drama/shared/forensics';
import { NotFound } from '../errors';
import { markIdOfShortCode, shortCode } from './code';

/**
 * The short code a player draws, faint and moving, over a paid episode it got without forensic marks
 * (media a platform hosts itself, or an upload whose ingest has not finished): a screen recording of
 * it still names the viewer. It is the viewer's permuted mark id in base 32, so only the server
 * (holding the secret) can turn a code read off a copy back into a viewer.
 */
export interface ViewerCodePorts {
  marks: { markIdOf(userId: string): Promise<number>; viewerOfMarkId(markId: number): Promise<string | undefined> };
  secret: string;
}

export async function viewerCode(userId: string, ports: ViewerCodePorts): Promise<ViewerCodeOutput> {
  return { code: shortCode(await ports.marks.markIdOf(userId), ports.secret) };
}

/** The viewer behind a code an operator read off a copy. */
export async function viewerOfCode(code: string, ports: ViewerCodePorts): Promise<{ userId: string; markId: number }> {
  const markId = markIdOfShortCode(code.toUpperCase(), ports.secret);
  const userId = markId === null ? undefined : await ports.marks.viewerOfMarkId(markId);
  if (markId === null || !userId) throw new NotFound(`no viewer has the code ${code}`);
  return { userId, markId };
}
