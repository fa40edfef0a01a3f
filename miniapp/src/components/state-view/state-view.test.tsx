import { fireEvent, render, screen } from '@testing-library/react';
import { ApiError } from '@/lib/api-client';
import { StateView } from './state-view';

describe('StateView', () => {
  it("shows the error's Chinese text by its code and calls back when 重试 is tapped", () => {
    const onRetry = jest.fn();
    render(<StateView kind="error" error={new ApiError(0, 'NETWORK_ERROR', 'socket hang up', null)} onRetry={onRetry} />);

    expect(screen.getByText('网络连接失败，请检查网络后重试')).toBeTruthy();
    fireEvent.click(screen.getByText('重试'));

    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('shows the empty text', () => {
    render(<StateView kind="empty" text="暂时还没有剧集上线" />);
    expect(screen.getByText('暂时还没有剧集上线')).toBeTruthy();
  });

  it('shows a loading text', () => {
    render(<StateView kind="loading" />);
    expect(screen.getByText('加载中…')).toBeTruthy();
  });
});
