import type { z } from 'zod';
import {
  adminEpisodeInputSchema,
  adminEpisodeParamsSchema,
  adminProductsInputSchema,
  adminPublishInputSchema,
  adminSeriesInputSchema,
  adminSeriesListSchema,
  adminSeriesParamsSchema,
  adminSeriesSchema,
  adminUploadInputSchema,
  adminUploadOutputSchema,
  conversionsQuerySchema,
  figuresOutputSchema,
  figuresParamsSchema,
  figuresQuerySchema,
  operatorLoginInputSchema,
  operatorLoginOutputSchema,
} from './admin';
import { adCallbackInputSchema, adCallbackReplySchema, adTicketParamsSchema, adTicketSchema, adUnlockStatusSchema, createAdUnlockInputSchema } from './ads';
import { attributionLaunchInputSchema, attributionLaunchOutputSchema, conversionsOutputSchema } from './attribution';
import { complianceInputSchema } from './going-live';
import { signInputSchema, signingViewSchema, signOutputSchema } from './wechat-signing';
import { loginInputSchema, loginOutputSchema } from './auth';
import { getSeriesOutputSchema, getSeriesParamsSchema, listSeriesOutputSchema } from './catalog';
import {
  adminCommentsOutputSchema,
  commentParamsSchema,
  episodeParamsSchema,
  likeOutputSchema,
  listCommentsOutputSchema,
  moderateCommentInputSchema,
  moderateCommentOutputSchema,
  postCommentInputSchema,
  postCommentOutputSchema,
  reportOutputSchema,
} from './comments';
import { rankingOutputSchema, rankingParamsSchema, searchOutputSchema, searchQuerySchema } from './discovery';
import {
  createTraceInputSchema,
  listTracesOutputSchema,
  playlistOutputSchema,
  playlistParamsSchema,
  playlistQuerySchema,
  traceIdParamsSchema,
  traceSchema,
  traceUploadInputSchema,
  traceUploadOutputSchema,
  viewerCodeOutputSchema,
  viewerCodeParamsSchema,
  viewerOfCodeOutputSchema,
} from './forensics';
import { checkinOutputSchema, checkinStatusSchema, followParamsSchema, followsOutputSchema, followStateSchema, historyOutputSchema, progressInputSchema, progressOutputSchema } from './habits';
import { ledgerOutputSchema } from './ledger';
import { createOrderInputSchema, createOrderOutputSchema, orderIdParamsSchema, orderViewSchema } from './orders';
import { douyinAckSchema, wechatAckSchema } from './pay-notify';
import { entitlementRequiredSchema, playInputSchema, playOutputSchema } from './playback';
import { productsOutputSchema } from './products';
import { consentKindParamsSchema, consentsOutputSchema, postConsentsInputSchema } from './reminders';
import { createSceneInputSchema, sceneIdParamsSchema, sceneOutputSchema, sceneStateSchema, sceneStepInputSchema, sceneStepOutputSchema } from './scene-api';
import { createUploadInputSchema, createUploadOutputSchema } from './uploads';
import { cancelMembershipOutputSchema, insufficientCoinsSchema, unlockInputSchema, unlockOutputSchema, walletOutputSchema } from './wallet';

/**
 * Who may call a route:
 * - `none`: anyone (a valid token, if sent, personalises the answer; an invalid one is refused);
 * - `viewer`: `Authorization: Bearer <session token>` from POST /auth/login;
 * - `operator`: an operator token (the /admin/ routes);
 * - `platform`: Douyin's or WeChat's servers (or the ad network's), proven by their signature.
 */
export type RouteAuth = 'none' | 'viewer' | 'operator' | 'platform';

/** A path parameter that names something one user owns: another user's id must get 403/404. */
export type OwnedResource = 'order' | 'scene' | 'adTicket';

export interface ContractRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** API Gateway form: `{name}` for a path parameter. */
  path: string;
  /** The function in serverless.yml that serves it (and its handler file, kebab-case). */
  function: string;
  handler: string;
  auth: RouteAuth;
  body?: z.ZodTypeAny;
  params?: z.ZodTypeAny;
  query?: z.ZodTypeAny;
  owns?: OwnedResource;
  /** The body of the success answer (JSON, or the playlist's text); every 4xx is `errorBodySchema` unless `refusals` names it. */
  response: z.ZodTypeAny;
  /** The success statuses, when not just 200. */
  status?: readonly number[];
  /** 4xx answers that carry more than `{code, message}` (the paywall's 402s). */
  refusals?: Readonly<Record<number, z.ZodTypeAny>>;
}

/**
 * Every HTTP route of the contract (API.md), in one table. Deployment, access, fuzz and contract
 * tests derive their route lists from it, so a route added here is checked everywhere; a route served
 * but missing here fails the deploy test, and an answer that does not parse with the schema named
 * here fails the contract test (test/integration/contract.test.ts).
 */
export const contractRoutes: readonly ContractRoute[] = [
  { method: 'POST', path: '/auth/login', function: 'login', handler: 'login', auth: 'none', body: loginInputSchema, response: loginOutputSchema },

  { method: 'GET', path: '/series', function: 'listSeries', handler: 'list-series', auth: 'none', response: listSeriesOutputSchema },
  { method: 'GET', path: '/series/{seriesId}', function: 'getSeries', handler: 'get-series', auth: 'none', params: getSeriesParamsSchema, response: getSeriesOutputSchema },
  { method: 'POST', path: '/play', function: 'play', handler: 'play', auth: 'viewer', body: playInputSchema, response: playOutputSchema, refusals: { 402: entitlementRequiredSchema } },
  // The signed URL POST /play hands out for a paid episode: the signature in the query is the credential.
  { method: 'GET', path: '/playlists/{seriesId}/{episode}/index.m3u8', function: 'getPlaylist', handler: 'get-playlist', auth: 'none', params: playlistParamsSchema, query: playlistQuerySchema, response: playlistOutputSchema },

  { method: 'GET', path: '/me/viewer-code', function: 'getViewerCode', handler: 'get-viewer-code', auth: 'viewer', response: viewerCodeOutputSchema },

  { method: 'GET', path: '/products', function: 'getProducts', handler: 'get-products', auth: 'none', response: productsOutputSchema },
  { method: 'GET', path: '/me/wallet', function: 'getWallet', handler: 'get-wallet', auth: 'viewer', response: walletOutputSchema },
  { method: 'GET', path: '/me/ledger', function: 'getLedger', handler: 'get-ledger', auth: 'viewer', response: ledgerOutputSchema },
  { method: 'POST', path: '/unlocks', function: 'createUnlock', handler: 'create-unlock', auth: 'viewer', body: unlockInputSchema, response: unlockOutputSchema, refusals: { 402: insufficientCoinsSchema } },
  { method: 'POST', path: '/orders', function: 'createOrder', handler: 'create-order', auth: 'viewer', body: createOrderInputSchema, response: createOrderOutputSchema, status: [201] },
  { method: 'GET', path: '/orders/{orderId}', function: 'getOrder', handler: 'get-order', auth: 'viewer', params: orderIdParamsSchema, owns: 'order', response: orderViewSchema },
  { method: 'POST', path: '/memberships/cancel', function: 'cancelMembership', handler: 'cancel-membership', auth: 'viewer', response: cancelMembershipOutputSchema },
  { method: 'POST', path: '/memberships/sign', function: 'signMembership', handler: 'sign-membership', auth: 'viewer', body: signInputSchema, response: signOutputSchema },
  { method: 'GET', path: '/me/signing', function: 'getSigning', handler: 'get-signing', auth: 'viewer', response: signingViewSchema },
  { method: 'POST', path: '/pay/douyin/notify', function: 'douyinNotify', handler: 'douyin-notify', auth: 'platform', response: douyinAckSchema },
  { method: 'POST', path: '/pay/wechat/notify', function: 'wechatNotify', handler: 'wechat-notify', auth: 'platform', response: wechatAckSchema },
  { method: 'POST', path: '/platform/douyin/playlet', function: 'douyinPlayletNotify', handler: 'douyin-playlet-notify', auth: 'platform', response: douyinAckSchema },

  { method: 'POST', path: '/ads/unlocks', function: 'createAdUnlock', handler: 'create-ad-unlock', auth: 'viewer', body: createAdUnlockInputSchema, response: adTicketSchema, status: [201] },
  { method: 'POST', path: '/ads/unlocks/{ticketId}/complete', function: 'completeAdUnlock', handler: 'complete-ad-unlock', auth: 'viewer', params: adTicketParamsSchema, owns: 'adTicket', response: adUnlockStatusSchema, status: [200, 202] },
  { method: 'POST', path: '/ads/callback', function: 'adCallback', handler: 'ad-callback', auth: 'platform', body: adCallbackInputSchema, response: adCallbackReplySchema },

  { method: 'GET', path: '/me/consents', function: 'getConsents', handler: 'get-consents', auth: 'viewer', response: consentsOutputSchema },
  { method: 'POST', path: '/consents', function: 'postConsents', handler: 'post-consents', auth: 'viewer', body: postConsentsInputSchema, response: consentsOutputSchema },
  { method: 'DELETE', path: '/consents/{kind}', function: 'deleteConsent', handler: 'delete-consent', auth: 'viewer', params: consentKindParamsSchema, response: consentsOutputSchema },
  { method: 'POST', path: '/checkins', function: 'createCheckin', handler: 'create-checkin', auth: 'viewer', response: checkinOutputSchema },
  { method: 'GET', path: '/me/checkins', function: 'getCheckins', handler: 'get-checkins', auth: 'viewer', response: checkinStatusSchema },
  { method: 'PUT', path: '/progress', function: 'putProgress', handler: 'put-progress', auth: 'viewer', body: progressInputSchema, response: progressOutputSchema },
  { method: 'GET', path: '/me/history', function: 'getHistory', handler: 'get-history', auth: 'viewer', response: historyOutputSchema },
  { method: 'POST', path: '/follows/{seriesId}', function: 'followSeries', handler: 'follow-series', auth: 'viewer', params: followParamsSchema, response: followStateSchema },
  { method: 'DELETE', path: '/follows/{seriesId}', function: 'followSeries', handler: 'follow-series', auth: 'viewer', params: followParamsSchema, response: followStateSchema },
  { method: 'GET', path: '/me/follows', function: 'getFollows', handler: 'get-follows', auth: 'viewer', response: followsOutputSchema },

  { method: 'POST', path: '/uploads', function: 'createUpload', handler: 'create-upload', auth: 'viewer', body: createUploadInputSchema, response: createUploadOutputSchema },
  { method: 'POST', path: '/scenes', function: 'createScene', handler: 'create-scene', auth: 'viewer', body: createSceneInputSchema, response: sceneOutputSchema, status: [201] },
  { method: 'GET', path: '/scenes/{sceneId}', function: 'getScene', handler: 'get-scene', auth: 'viewer', params: sceneIdParamsSchema, owns: 'scene', response: sceneStateSchema },
  { method: 'POST', path: '/scenes/{sceneId}/steps', function: 'stepScene', handler: 'step-scene', auth: 'viewer', params: sceneIdParamsSchema, body: sceneStepInputSchema, owns: 'scene', response: sceneStepOutputSchema },

  { method: 'POST', path: '/attribution/launch', function: 'attributionLaunch', handler: 'attribution-launch', auth: 'viewer', body: attributionLaunchInputSchema, response: attributionLaunchOutputSchema },

  { method: 'POST', path: '/admin/login', function: 'adminLogin', handler: 'admin-login', auth: 'none', body: operatorLoginInputSchema, response: operatorLoginOutputSchema },
  { method: 'GET', path: '/admin/series', function: 'adminListSeries', handler: 'admin-list-series', auth: 'operator', response: adminSeriesListSchema },
  { method: 'PUT', path: '/admin/series/{seriesId}', function: 'adminPutSeries', handler: 'admin-put-series', auth: 'operator', params: adminSeriesParamsSchema, body: adminSeriesInputSchema, response: adminSeriesSchema },
  { method: 'PUT', path: '/admin/series/{seriesId}/episodes/{index}', function: 'adminPutEpisode', handler: 'admin-put-episode', auth: 'operator', params: adminEpisodeParamsSchema, body: adminEpisodeInputSchema, response: adminSeriesSchema },
  { method: 'PUT', path: '/admin/series/{seriesId}/compliance', function: 'adminPutCompliance', handler: 'admin-put-compliance', auth: 'operator', params: adminSeriesParamsSchema, body: complianceInputSchema, response: adminSeriesSchema },
  { method: 'POST', path: '/admin/series/{seriesId}/publish', function: 'adminPublishSeries', handler: 'admin-publish-series', auth: 'operator', params: adminSeriesParamsSchema, body: adminPublishInputSchema, response: adminSeriesSchema },
  { method: 'POST', path: '/admin/uploads', function: 'adminCreateUpload', handler: 'admin-create-upload', auth: 'operator', body: adminUploadInputSchema, response: adminUploadOutputSchema },
  { method: 'GET', path: '/admin/products', function: 'adminGetProducts', handler: 'admin-get-products', auth: 'operator', response: productsOutputSchema },
  { method: 'PUT', path: '/admin/products', function: 'adminPutProducts', handler: 'admin-put-products', auth: 'operator', body: adminProductsInputSchema, response: productsOutputSchema },
  { method: 'GET', path: '/admin/figures/{name}', function: 'adminGetFigures', handler: 'admin-get-figures', auth: 'operator', params: figuresParamsSchema, query: figuresQuerySchema, response: figuresOutputSchema },
  { method: 'GET', path: '/admin/conversions', function: 'adminGetConversions', handler: 'admin-get-conversions', auth: 'operator', query: conversionsQuerySchema, response: conversionsOutputSchema },

  // Discovery and community (API.md): rankings, search, likes, comments and their moderation.
  { method: 'GET', path: '/rankings/{kind}', function: 'getRanking', handler: 'get-ranking', auth: 'none', params: rankingParamsSchema, response: rankingOutputSchema },
  { method: 'GET', path: '/search', function: 'searchSeries', handler: 'search-series', auth: 'none', query: searchQuerySchema, response: searchOutputSchema },
  { method: 'GET', path: '/series/{seriesId}/episodes/{episode}/like', function: 'getLikes', handler: 'get-likes', auth: 'none', params: episodeParamsSchema, response: likeOutputSchema },
  { method: 'PUT', path: '/series/{seriesId}/episodes/{episode}/like', function: 'likeEpisode', handler: 'like-episode', auth: 'viewer', params: episodeParamsSchema, response: likeOutputSchema },
  { method: 'DELETE', path: '/series/{seriesId}/episodes/{episode}/like', function: 'likeEpisode', handler: 'like-episode', auth: 'viewer', params: episodeParamsSchema, response: likeOutputSchema },
  { method: 'GET', path: '/series/{seriesId}/episodes/{episode}/comments', function: 'listComments', handler: 'list-comments', auth: 'none', params: episodeParamsSchema, response: listCommentsOutputSchema },
  { method: 'POST', path: '/series/{seriesId}/episodes/{episode}/comments', function: 'postComment', handler: 'post-comment', auth: 'viewer', params: episodeParamsSchema, body: postCommentInputSchema, response: postCommentOutputSchema, status: [201] },
  { method: 'POST', path: '/comments/{commentId}/reports', function: 'reportComment', handler: 'report-comment', auth: 'viewer', params: commentParamsSchema, response: reportOutputSchema },
  { method: 'GET', path: '/admin/comments', function: 'adminListComments', handler: 'admin-list-comments', auth: 'operator', response: adminCommentsOutputSchema },
  { method: 'POST', path: '/admin/comments/{commentId}', function: 'adminModerateComment', handler: 'admin-moderate-comment', auth: 'operator', params: commentParamsSchema, body: moderateCommentInputSchema, response: moderateCommentOutputSchema },
  { method: 'POST', path: '/admin/traces/uploads', function: 'adminCreateTraceUpload', handler: 'admin-create-trace-upload', auth: 'operator', body: traceUploadInputSchema, response: traceUploadOutputSchema },
  { method: 'POST', path: '/admin/traces', function: 'adminCreateTrace', handler: 'admin-create-trace', auth: 'operator', body: createTraceInputSchema, response: traceSchema, status: [202] },
  { method: 'GET', path: '/admin/traces', function: 'adminListTraces', handler: 'admin-list-traces', auth: 'operator', response: listTracesOutputSchema },
  { method: 'GET', path: '/admin/traces/{traceId}', function: 'adminGetTrace', handler: 'admin-get-trace', auth: 'operator', params: traceIdParamsSchema, response: traceSchema },
  { method: 'GET', path: '/admin/viewer-codes/{code}', function: 'adminGetViewerCode', handler: 'admin-get-viewer-code', auth: 'operator', params: viewerCodeParamsSchema, response: viewerOfCodeOutputSchema },
];

/** `/orders/{orderId}` with the given parameters filled in (URL-encoded). */
export function routePath(route: Pick<ContractRoute, 'path'>, params: Record<string, string>): string {
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
}

/** The names of a route's path parameters, in order. */
export function routeParamNames(route: Pick<ContractRoute, 'path'>): string[] {
  return [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
}
