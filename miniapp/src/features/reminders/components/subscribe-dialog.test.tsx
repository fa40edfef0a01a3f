import { fireEvent, render, screen } from '@testing-library/react';
import { SubscribeDialog } from './subscribe-dialog';

const templates = [
  { id: 'tpl-update', kind: 'episode_update' as const, label: '追剧更新提醒' },
  { id: 'tpl-checkin', kind: 'checkin' as const, label: '每日签到提醒' },
  { id: 'tpl-new', kind: 'new_drama' as const, label: '新剧上线提醒' },
];

function renderDialog() {
  const onAnswer = jest.fn();
  render(<SubscribeDialog appName="微短剧" templates={templates} onAnswer={onAnswer} />);
  return onAnswer;
}

describe('SubscribeDialog (the H5 sandbox subscribe sheet)', () => {
  it('names the app and lists each template with a ticked checkbox', () => {
    renderDialog();

    expect(screen.getByRole('dialog', { name: '订阅消息' })).toBeTruthy();
    expect(screen.getByText('微短剧')).toBeTruthy();
    const boxes = templates.map((t) => screen.getByRole('checkbox', { name: t.label }));
    expect(boxes.map((b) => b.getAttribute('aria-checked'))).toEqual(['true', 'true', 'true']);
    expect(screen.getByRole('checkbox', { name: '总是保持以上选择，不再询问' }).getAttribute('aria-checked')).toBe('false');
  });

  it('允许 accepts the ticked templates and rejects the unticked ones', () => {
    const onAnswer = renderDialog();

    fireEvent.click(screen.getByRole('checkbox', { name: '每日签到提醒' }));
    fireEvent.click(screen.getByRole('button', { name: '允许' }));

    expect(onAnswer).toHaveBeenCalledWith({ 'tpl-update': 'accept', 'tpl-checkin': 'reject', 'tpl-new': 'accept' });
  });

  it('拒绝 rejects every template', () => {
    const onAnswer = renderDialog();

    fireEvent.click(screen.getByRole('button', { name: '拒绝' }));

    expect(onAnswer).toHaveBeenCalledWith({ 'tpl-update': 'reject', 'tpl-checkin': 'reject', 'tpl-new': 'reject' });
  });

  it('with 总是保持以上选择, a decline becomes a ban', () => {
    const onAnswer = renderDialog();

    fireEvent.click(screen.getByRole('checkbox', { name: '总是保持以上选择，不再询问' }));
    fireEvent.click(screen.getByRole('checkbox', { name: '新剧上线提醒' }));
    fireEvent.click(screen.getByRole('button', { name: '允许' }));
    fireEvent.click(screen.getByRole('button', { name: '拒绝' }));

    expect(onAnswer).toHaveBeenNthCalledWith(1, { 'tpl-update': 'accept', 'tpl-checkin': 'accept', 'tpl-new': 'ban' });
    expect(onAnswer).toHaveBeenNthCalledWith(2, { 'tpl-update': 'ban', 'tpl-checkin': 'ban', 'tpl-new': 'ban' });
  });
});
