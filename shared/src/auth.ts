import { z } from 'zod';

export const platforms = ['douyin', 'wechat', 'sandbox'] as const;
export const platformSchema = z.enum(platforms);
export type Platform = z.infer<typeof platformSchema>;

/** POST /auth/login: `code` is what tt.login / wx.login returned (or the sandbox's own code on H5). */
export const loginInputSchema = z
  .object({
    platform: platformSchema,
    code: z.string().trim().min(1).max(128),
  })
  .strict();
export type LoginInput = z.infer<typeof loginInputSchema>;

export const loginOutputSchema = z.object({
  token: z.string(),
  expiresAt: z.string(),
  user: z.object({ id: z.string() }),
});
export type LoginOutput = z.infer<typeof loginOutputSchema>;
