import { adminUploadInputSchema } from '@drama/shared/admin';
import { createAdminUpload } from '../domain/media/uploads';
import { json, route } from '../lib/http';
import { uploadPorts } from '../wiring/upload-ports';

/** A presigned PUT for an episode file (private, under media/), a cover (public, under covers/) or a cost report (private, under reports/). */
export const handler = route({ auth: 'operator', body: adminUploadInputSchema }, async ({ body }) => json(200, await createAdminUpload(body, uploadPorts)));
