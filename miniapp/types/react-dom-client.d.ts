/** The slice of react-dom/client the H5 sandbox dialog uses (no @types/react-dom in this workspace). */
declare module 'react-dom/client' {
  import type { ReactNode } from 'react';

  export interface Root {
    render(children: ReactNode): void;
    unmount(): void;
  }
  export function createRoot(container: Element | DocumentFragment): Root;
}
