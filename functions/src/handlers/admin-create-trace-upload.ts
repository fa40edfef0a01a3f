import { traceUploadInputSchema } from '@drama/shared/forensics';
import { createTraceUpload } from '../domain/media/uploads';
import { json, route } from '../lib/http';
import { uploadPorts } from '../wiring/upload-ports';

/** A presigned PUT for a suspect copy (private, under suspects/), to trace with POST /admin/traces. */
export const handler = route({ auth: 'operator', body: traceUploadInputSchema }, async ({ body }) => json(200, await createTraceUpload(body, uploadPorts)));
