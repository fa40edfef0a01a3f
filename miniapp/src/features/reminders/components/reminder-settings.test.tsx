import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { reminderSpecs, type ConsentItem, type ReminderKind } from '@drama/shared/reminders';
import { fakeNetwork, ok } from '../../../../test/fake-network';
import { forgetConsents } from '../consents-store';
import { ReminderSettings } from './reminder-settings';

const item = (kind: ReminderKind, over: Partial<ConsentItem> = {}): ConsentItem => ({
  kind,
  label: reminderSpecs[kind].label,
  subscription: reminderSpecs[kind].subscription,
  templateId: `tpl-${kind}`,
  oneTimeLeft: 0,
  longTerm: false,
  status: 'none',
  ...over,
});
const before = [
  item('episode_update', { oneTimeLeft: 2, status: 'accepted' }),
  item('checkin', { status: 'rejected' }),
  item('new_drama', { status: 'withdrawn' }),
  item('home_recommend', { longTerm: true, status: 'accepted' }),
];
const row = (label: string) => screen.getByRole('listitem', { name: label });

beforeEach(() => {
  localStorage.clear();
  forgetConsents();
  jest.restoreAllMocks();
});

describe('ReminderSettings', () => {
  it('shows each reminder with its state', async () => {
    fakeNetwork({ 'GET /me/consents': ok({ items: before }) });
    render(<ReminderSettings />);

    await screen.findByText('追剧更新提醒');
    expect(within(row('追剧更新提醒')).getByText('剩余 2 次')).toBeTruthy();
    expect(within(row('每日签到提醒')).getByText('已拒绝')).toBeTruthy();
    expect(within(row('新剧上线提醒')).getByText('已撤回')).toBeTruthy();
    expect(within(row('首页好剧推荐')).getByText('长期订阅')).toBeTruthy();
    // Only what is allowed can be withdrawn.
    expect(screen.getAllByRole('button', { name: '撤回' })).toHaveLength(2);
  });

  it('撤回 withdraws the kind through the API and shows it withdrawn', async () => {
    const after = before.map((i) => (i.kind === 'episode_update' ? { ...i, oneTimeLeft: 0, status: 'withdrawn' as const } : i));
    const calls = fakeNetwork({ 'GET /me/consents': ok({ items: before }), 'DELETE /consents/episode_update': ok({ items: after }) });
    render(<ReminderSettings />);

    fireEvent.click(within(await screen.findByRole('listitem', { name: '追剧更新提醒' })).getByRole('button', { name: '撤回' }));

    await waitFor(() => expect(within(row('追剧更新提醒')).getByText('已撤回')).toBeTruthy());
    expect(calls.filter((c) => c.route === 'DELETE /consents/episode_update')).toHaveLength(1);
    expect(within(row('追剧更新提醒')).queryByRole('button', { name: '撤回' })).toBeNull();
  });

  it('开启提醒 asks for the kinds not allowed for the long term and shows the new state', async () => {
    const after = before.map((i) => (i.kind === 'checkin' ? { ...i, oneTimeLeft: 1, status: 'accepted' as const } : i));
    const calls = fakeNetwork({ 'GET /me/consents': ok({ items: before }), 'POST /consents': ok({ items: after }) });
    render(<ReminderSettings />);

    fireEvent.click(await screen.findByRole('button', { name: '开启提醒' }));
    const dialog = await screen.findByRole('dialog', { name: '订阅消息' });
    expect(within(dialog).getAllByRole('checkbox').map((c) => c.getAttribute('aria-label'))).toEqual(['追剧更新提醒', '每日签到提醒', '新剧上线提醒', '总是保持以上选择，不再询问']);
    fireEvent.click(within(dialog).getByRole('button', { name: '允许' }));

    await waitFor(() => expect(within(row('每日签到提醒')).getByText('剩余 1 次')).toBeTruthy());
    expect(calls.find((c) => c.route === 'POST /consents')?.data).toEqual({
      platform: 'sandbox',
      results: { episode_update: 'accept', checkin: 'accept', new_drama: 'accept' },
    });
  });
});
