/// <reference types="@tarojs/taro" />

declare module '*.css';
declare module '*.png';
declare module '*.svg';

/** Build-time API address for tt/weapp (config/index.ts → defineConstants). */
declare const API_URL: string;

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'tt' | 'h5' | 'swan' | 'alipay' | 'qq' | 'jd';
    TARO_APP_API_URL?: string;
  }
}

/** What the local static server's `/config.js` defines on H5 (see src/index.html). */
interface Window {
  __DRAMA_CONFIG__?: { apiUrl?: string; sandboxUrl?: string };
}
