import { viewerCode } from '../domain/forensics/viewer-code';
import { json, route } from '../lib/http';
import { markSecret, viewerMarks } from '../wiring/forensics-ports';

/** The caller's short viewer code, for the overlay on media served without forensic marks. */
export const handler = route({ auth: 'required' }, async ({ caller }) =>
  json(200, await viewerCode(caller.userId, { marks: viewerMarks(), secret: markSecret() }), { 'cache-control': 'private, max-age=3600' }),
);
