import { createRoot } from 'react-dom/client';
import type { SubscribeTemplate } from '../subscribe-result';
import { SubscribeDialog, type SandboxAnswer } from './subscribe-dialog';

/** The name the platform's dialog shows (app.config's title). */
const appName = '微短剧';

/**
 * H5 only: shows the sandbox subscribe dialog over whatever page is open, the way the platform's
 * sheet floats over a mini-program, and resolves with the user's answer. Its own React root on
 * <body>, so any page (or plain function) can ask without rendering a host.
 */
export function presentSubscribeDialog(templates: SubscribeTemplate[]): Promise<SandboxAnswer> {
  return new Promise((resolve) => {
    const host = document.createElement('div');
    host.className = 'subscribe-dialog-host';
    document.body.appendChild(host);
    const root = createRoot(host);
    const onAnswer = (answer: SandboxAnswer) => {
      resolve(answer);
      // Not from inside the root's own click handler.
      setTimeout(() => {
        root.unmount();
        host.remove();
      });
    };
    root.render(<SubscribeDialog appName={appName} templates={templates} onAnswer={onAnswer} />);
  });
}
