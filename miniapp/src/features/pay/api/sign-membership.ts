import { signOutputSchema, signingViewSchema, type SignOutput, type SigningPlan, type SigningView } from '@drama/shared/wechat-signing';
import { apiRequest } from '@/lib/api-client';

/** POST /memberships/sign: what wx.requestSubscribeSign takes, for WeChat's membership subscription. */
export const signMembership = (plan: SigningPlan): Promise<SignOutput> => apiRequest('/memberships/sign', { method: 'POST', data: { plan }, schema: signOutputSchema });

/** GET /me/signing: the signing's state and its last charge. */
export const getSigning = (): Promise<SigningView> => apiRequest('/me/signing', { schema: signingViewSchema });
