import type { ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { clearOperatorSession } from '../operator-session';
import { consoleCommentsUrl, consoleDashboardUrl, consoleLoginUrl, consolePricesUrl, consoleSeriesListUrl, consoleTraceUrl } from '../routes';
import './console.css';

const tabs = [
  { key: 'dashboard', label: '数据', url: consoleDashboardUrl },
  { key: 'series', label: '剧集', url: consoleSeriesListUrl },
  { key: 'prices', label: '价格', url: consolePricesUrl },
  { key: 'comments', label: '评论审核', url: consoleCommentsUrl },
  { key: 'trace', label: '溯源', url: consoleTraceUrl },
] as const;

/** The console's top bar: its areas and sign-out. */
export function ConsoleNav({ current }: { current: (typeof tabs)[number]['key'] }) {
  return (
    <nav className="console-nav" aria-label="运营后台">
      <span className="console-nav__brand">运营后台</span>
      {tabs.map((t) => (
        <button
          key={t.key}
          type="button"
          className={`console-nav__tab${t.key === current ? ' console-nav__tab--on' : ''}`}
          aria-current={t.key === current ? 'page' : undefined}
          onClick={() => void Taro.redirectTo({ url: t.url })}
        >
          {t.label}
        </button>
      ))}
      <button
        type="button"
        className="console-nav__out"
        onClick={() => {
          clearOperatorSession();
          void Taro.redirectTo({ url: consoleLoginUrl });
        }}
      >
        退出
      </button>
    </nav>
  );
}

/** A titled card around a chart or a form section. */
export function Card({ title, children, aside }: { title: string; children: ReactNode; aside?: ReactNode }) {
  return (
    <section className="console-card" aria-label={title}>
      <header className="console-card__head">
        <h2 className="console-card__title">{title}</h2>
        {aside}
      </header>
      {children}
    </section>
  );
}
