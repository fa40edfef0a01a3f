import type { UploadPorts } from '../domain/media/uploads';
import { clock, media } from './ports';

/** Presigned PUTs into the media bucket: only the functions given these may write objects (test/deploy checks the role). */
export const uploadPorts: UploadPorts = { uploads: media, now: clock };
