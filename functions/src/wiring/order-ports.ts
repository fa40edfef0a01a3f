import { payParamsFor } from '../adapters/platform/pay-params';

/** The platform's payment parameters for a new order (Douyin's signed order data, WeChat's virtual payment). */
export const payParams = payParamsFor;
