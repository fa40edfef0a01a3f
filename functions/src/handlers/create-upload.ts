import { createUploadInputSchema } from '@drama/shared/uploads';
import { createViewerUpload } from '../domain/media/uploads';
import { json, route } from '../lib/http';
import { uploadPorts } from '../wiring/upload-ports';

/** A presigned PUT for one image under the caller's own prefix, bound to its type and size. */
export const handler = route({ auth: 'required', body: createUploadInputSchema }, async ({ caller, body }) => json(200, await createViewerUpload(caller.userId, body, uploadPorts)));
