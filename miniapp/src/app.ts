import type { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { reportLaunch } from '@/features/attribution/report-launch';
import './app.css';

function App({ children }: PropsWithChildren) {
  // What the app was launched with (an ad click, a reminder) is reported once per launch.
  useLaunch(() => void reportLaunch());
  return children;
}

export default App;
