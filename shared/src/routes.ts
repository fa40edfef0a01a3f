import { z } from 'zod';
import {
  adminEpisodeInputSchema,
  adminEpisodeParamsSchema,
  adminProductsInputSchema,
  adminPublishInputSchema,
  adminSeriesInputSchema,
  adminSeriesParamsSchema,
  adminUploadInputSchema,
  conversionsQuerySchema,
  figuresParamsSchema,
  figuresQuerySchema,
  operatorLoginInputSchema,
} from './admin';
import { adCallbackInputSchema, adTicketParamsSchema, createAdUnlockInputSchema } from './ads';
import { attributionLaunchInputSchema } from './attribution';
import { complianceInputSchema } from './going-live';
import { signInputSchema } from './wechat-signing';
import { loginInputSchema } from './auth';
import { getSeriesParamsSchema } from './catalog';
import { commentParamsSchema, episodeParamsSchema, moderateCommentInputSchema, postCommentInputSchema } from './comments';
import { rankingParamsSchema, searchQuerySchema } from './discovery';
import { createTraceInputSchema, playlistParamsSchema, playlistQuerySchema, traceIdParamsSchema, traceUploadInputSchema, viewerCodeParamsSchema } from './forensics';
import { followParamsSchema, progressInputSchema } from './habits';
import { createOrderInputSchema, orderIdParamsSchema } from './orders';
import { playInputSchema } from './playback';
import { consentKindParamsSchema, postConsentsInputSchema } from './reminders';
import { createSceneInputSchema, sceneIdParamsSchema, sceneStepInputSchema } from './scene-api';
import { createUploadInputSchema } from './uploads';
import { unlockInputSchema } from './wallet';

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
}

/**
 * Every HTTP route of the contract (API.md), in one table. Deployment, access and fuzz tests derive
 * their route lists from it, so a route added here is checked everywhere; a route served but missing
 * here fails the deploy test.
 */
export const contractRoutes: readonly ContractRoute[] = [
  { method: 'POST', path: '/auth/login', function: 'login', handler: 'login', auth: 'none', body: loginInputSchema },

  { method: 'GET', path: '/series', function: 'listSeries', handler: 'list-series', auth: 'none' },
  { method: 'GET', path: '/series/{seriesId}', function: 'getSeries', handler: 'get-series', auth: 'none', params: getSeriesParamsSchema },
  { method: 'POST', path: '/play', function: 'play', handler: 'play', auth: 'viewer', body: playInputSchema },
  // The signed URL POST /play hands out for a paid episode: the signature in the query is the credential.
  { method: 'GET', path: '/playlists/{seriesId}/{episode}/index.m3u8', function: 'getPlaylist', handler: 'get-playlist', auth: 'none', params: playlistParamsSchema, query: playlistQuerySchema },

  { method: 'GET', path: '/me/viewer-code', function: 'getViewerCode', handler: 'get-viewer-code', auth: 'viewer' },

  { method: 'GET', path: '/products', function: 'getProducts', handler: 'get-products', auth: 'none' },
  { method: 'GET', path: '/me/wallet', function: 'getWallet', handler: 'get-wallet', auth: 'viewer' },
  { method: 'GET', path: '/me/ledger', function: 'getLedger', handler: 'get-ledger', auth: 'viewer' },
  { method: 'POST', path: '/unlocks', function: 'createUnlock', handler: 'create-unlock', auth: 'viewer', body: unlockInputSchema },
  { method: 'POST', path: '/orders', function: 'createOrder', handler: 'create-order', auth: 'viewer', body: createOrderInputSchema },
  { method: 'GET', path: '/orders/{orderId}', function: 'getOrder', handler: 'get-order', auth: 'viewer', params: orderIdParamsSchema, owns: 'order' },
  { method: 'POST', path: '/memberships/cancel', function: 'cancelMembership', handler: 'cancel-membership', auth: 'viewer' },
  { method: 'POST', path: '/memberships/sign', function: 'signMembership', handler: 'sign-membership', auth: 'viewer', body: signInputSchema },
  { method: 'GET', path: '/me/signing', function: 'getSigning', handler: 'get-signing', auth: 'viewer' },
  { method: 'POST', path: '/pay/douyin/notify', function: 'douyinNotify', handler: 'douyin-notify', auth: 'platform' },
  { method: 'POST', path: '/pay/wechat/notify', function: 'wechatNotify', handler: 'wechat-notify', auth: 'platform' },
  { method: 'POST', path: '/platform/douyin/playlet', function: 'douyinPlayletNotify', handler: 'douyin-playlet-notify', auth: 'platform' },

  { method: 'POST', path: '/ads/unlocks', function: 'createAdUnlock', handler: 'create-ad-unlock', auth: 'viewer', body: createAdUnlockInputSchema },
  { method: 'POST', path: '/ads/unlocks/{ticketId}/complete', function: 'completeAdUnlock', handler: 'complete-ad-unlock', auth: 'viewer', params: adTicketParamsSchema, owns: 'adTicket' },
  { method: 'POST', path: '/ads/callback', function: 'adCallback', handler: 'ad-callback', auth: 'platform', body: adCallbackInputSchema },

  { method: 'GET', path: '/me/consents', function: 'getConsents', handler: 'get-consents', auth: 'viewer' },
  { method: 'POST', path: '/consents', function: 'postConsents', handler: 'post-consents', auth: 'viewer', body: postConsentsInputSchema },
  { method: 'DELETE', path: '/consents/{kind}', function: 'deleteConsent', handler: 'delete-consent', auth: 'viewer', params: consentKindParamsSchema },
  { method: 'POST', path: '/checkins', function: 'createCheckin', handler: 'create-checkin', auth: 'viewer' },
  { method: 'GET', path: '/me/checkins', function: 'getCheckins', handler: 'get-checkins', auth: 'viewer' },
  { method: 'PUT', path: '/progress', function: 'putProgress', handler: 'put-progress', auth: 'viewer', body: progressInputSchema },
  { method: 'GET', path: '/me/history', function: 'getHistory', handler: 'get-history', auth: 'viewer' },
  { method: 'POST', path: '/follows/{seriesId}', function: 'followSeries', handler: 'follow-series', auth: 'viewer', params: followParamsSchema },
  { method: 'DELETE', path: '/follows/{seriesId}', function: 'followSeries', handler: 'follow-series', auth: 'viewer', params: followParamsSchema },
  { method: 'GET', path: '/me/follows', function: 'getFollows', handler: 'get-follows', auth: 'viewer' },

  { method: 'POST', path: '/uploads', function: 'createUpload', handler: 'create-upload', auth: 'viewer', body: createUploadInputSchema },
  { method: 'POST', path: '/scenes', function: 'createScene', handler: 'create-scene', auth: 'viewer', body: createSceneInputSchema },
  { method: 'GET', path: '/scenes/{sceneId}', function: 'getScene', handler: 'get-scene', auth: 'viewer', params: sceneIdParamsSchema, owns: 'scene' },
  { method: 'POST', path: '/scenes/{sceneId}/steps', function: 'stepScene', handler: 'step-scene', auth: 'viewer', params: sceneIdParamsSchema, body: sceneStepInputSchema, owns: 'scene' },

  { method: 'POST', path: '/attribution/launch', function: 'attributionLaunch', handler: 'attribution-launch', auth: 'viewer', body: attributionLaunchInputSchema },

  { method: 'POST', path: '/admin/login', function: 'adminLogin', handler: 'admin-login', auth: 'none', body: operatorLoginInputSchema },
  { method: 'GET', path: '/admin/series', function: 'adminListSeries', handler: 'admin-list-series', auth: 'operator' },
  { method: 'PUT', path: '/admin/series/{seriesId}', function: 'adminPutSeries', handler: 'admin-put-series', auth: 'operator', params: adminSeriesParamsSchema, body: adminSeriesInputSchema },
  { method: 'PUT', path: '/admin/series/{seriesId}/episodes/{index}', function: 'adminPutEpisode', handler: 'admin-put-episode', auth: 'operator', params: adminEpisodeParamsSchema, body: adminEpisodeInputSchema },
  { method: 'PUT', path: '/admin/series/{seriesId}/compliance', function: 'adminPutCompliance', handler: 'admin-put-compliance', auth: 'operator', params: adminSeriesParamsSchema, body: complianceInputSchema },
  { method: 'POST', path: '/admin/series/{seriesId}/publish', function: 'adminPublishSeries', handler: 'admin-publish-series', auth: 'operator', params: adminSeriesParamsSchema, body: adminPublishInputSchema },
  { method: 'POST', path: '/admin/uploads', function: 'adminCreateUpload', handler: 'admin-create-upload', auth: 'operator', body: adminUploadInputSchema },
  { method: 'GET', path: '/admin/products', function: 'adminGetProducts', handler: 'admin-get-products', auth: 'operator' },
  { method: 'PUT', path: '/admin/products', function: 'adminPutProducts', handler: 'admin-put-products', auth: 'operator', body: adminProductsInputSchema },
  { method: 'GET', path: '/admin/figures/{name}', function: 'adminGetFigures', handler: 'admin-get-figures', auth: 'operator', params: figuresParamsSchema, query: figuresQuerySchema },
  { method: 'GET', path: '/admin/conversions', function: 'adminGetConversions', handler: 'admin-get-conversions', auth: 'operator', query: conversionsQuerySchema },

  // Discovery and community (API.md): rankings, search, likes, comments and their moderation.
  { method: 'GET', path: '/rankings/{kind}', function: 'getRanking', handler: 'get-ranking', auth: 'none', params: rankingParamsSchema },
  { method: 'GET', path: '/search', function: 'searchSeries', handler: 'search-series', auth: 'none', query: searchQuerySchema },
  { method: 'GET', path: '/series/{seriesId}/episodes/{episode}/like', function: 'getLikes', handler: 'get-likes', auth: 'none', params: episodeParamsSchema },
  { method: 'PUT', path: '/series/{seriesId}/episodes/{episode}/like', function: 'likeEpisode', handler: 'like-episode', auth: 'viewer', params: episodeParamsSchema },
  { method: 'DELETE', path: '/series/{seriesId}/episodes/{episode}/like', function: 'likeEpisode', handler: 'like-episode', auth: 'viewer', params: episodeParamsSchema },
  { method: 'GET', path: '/series/{seriesId}/episodes/{episode}/comments', function: 'listComments', handler: 'list-comments', auth: 'none', params: episodeParamsSchema },
  { method: 'POST', path: '/series/{seriesId}/episodes/{episode}/comments', function: 'postComment', handler: 'post-comment', auth: 'viewer', params: episodeParamsSchema, body: postCommentInputSchema },
  { method: 'POST', path: '/comments/{commentId}/reports', function: 'reportComment', handler: 'report-comment', auth: 'viewer', params: commentParamsSchema },
  { method: 'GET', path: '/admin/comments', function: 'adminListComments', handler: 'admin-list-comments', auth: 'operator' },
  { method: 'POST', path: '/admin/comments/{commentId}', function: 'adminModerateComment', handler: 'admin-moderate-comment', auth: 'operator', params: commentParamsSchema, body: moderateCommentInputSchema },
  { method: 'POST', path: '/admin/traces/uploads', function: 'adminCreateTraceUpload', handler: 'admin-create-trace-upload', auth: 'operator', body: traceUploadInputSchema },
  { method: 'POST', path: '/admin/traces', function: 'adminCreateTrace', handler: 'admin-create-trace', auth: 'operator', body: createTraceInputSchema },
  { method: 'GET', path: '/admin/traces', function: 'adminListTraces', handler: 'admin-list-traces', auth: 'operator' },
  { method: 'GET', path: '/admin/traces/{traceId}', function: 'adminGetTrace', handler: 'admin-get-trace', auth: 'operator', params: traceIdParamsSchema },
  { method: 'GET', path: '/admin/viewer-codes/{code}', function: 'adminGetViewerCode', handler: 'admin-get-viewer-code', auth: 'operator', params: viewerCodeParamsSchema },
];

/** `/orders/{orderId}` with the given parameters filled in (URL-encoded). */
export function routePath(route: Pick<ContractRoute, 'path'>, params: Record<string, string>): string {
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
}

/** The names of a route's path parameters, in order. */
export function routeParamNames(route: Pick<ContractRoute, 'path'>): string[] {
  return [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
}
