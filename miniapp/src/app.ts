import { useRef, type PropsWithChildren } from 'react';
import { useDidShow, useLaunch } from '@tarojs/taro';
import { launchOf, shareChannel } from '@drama/shared/attribution';
import { reportLaunch } from '@/features/attribution/report-launch';
import './app.css';

type ShowOptions = { path?: string; query?: Record<string, string> } | undefined;

function App({ children }: PropsWithChildren) {
  const shows = useRef(0);
  // What the app was launched with (an ad click, a reminder) is reported once per launch…
  useLaunch(() => void reportLaunch());
  // …and again when a warm app is brought back by a new ad click, a reminder tap or a shared link.
  useDidShow((options?: ShowOptions) => {
    if (shows.current++ === 0 || !options?.query) return;
    // The same rule as the cold launch's (click_id and callback name a click too).
    const launch = launchOf(options.query);
    if (launch.clickid || launch.reminder || launch.channel === shareChannel) void reportLaunch({ path: options.path ?? '', query: options.query });
  });
  return children;
}

export default App;
