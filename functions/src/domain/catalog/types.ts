import type { z } from 'zod';
import type { genreSchema } from '@drama/shared/catalog';

export type Genre = z.infer<typeof genreSchema>;
