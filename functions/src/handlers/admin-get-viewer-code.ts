import { viewerCodeParamsSchema } from '@drama/shared/forensics';
import { viewerOfCode } from '../domain/forensics/viewer-code';
import { json, route } from '../lib/http';
import { markSecret, viewerMarks } from '../wiring/forensics-ports';

/** The viewer behind a code read off an overlaid copy. */
export const handler = route({ auth: 'operator', params: viewerCodeParamsSchema }, async ({ params }) =>
  json(200, await viewerOfCode(params.code, { marks: viewerMarks(), secret: markSecret() })),
);
