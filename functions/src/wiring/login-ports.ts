import { sessionExchangeFor } from '../adapters/platform/sessions';

/** Each platform's code2session, for viewers' sign-in (it reads the platforms' app secrets). */
export const sessionExchange = sessionExchangeFor;
