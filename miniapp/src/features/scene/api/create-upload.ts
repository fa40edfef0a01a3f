import { createUploadOutputSchema, type CreateUploadInput, type CreateUploadOutput } from '@drama/shared/uploads';
import { apiRequest } from '@/lib/api-client';

/** POST /uploads: a presigned PUT for one image. */
export const createUpload = (input: CreateUploadInput): Promise<CreateUploadOutput> =>
  apiRequest('/uploads', { method: 'POST', data: input, schema: createUploadOutputSchema });
