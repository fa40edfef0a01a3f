import { fireEvent, screen, waitFor } from '@testing-library/react';
import { reminderSpecs, type ConsentItem, type ReminderKind } from '@drama/shared/reminders';
import { fakeNetwork, ok } from '../../../test/fake-network';
import { askForReminders, type SubscribeRequest } from './ask-for-reminders';
import { forgetConsents, loadConsents } from './consents-store';
import type { SubscribeTemplate } from './subscribe-result';

const consent = (kind: ReminderKind, over: Partial<ConsentItem> = {}): ConsentItem => ({
  kind,
  label: reminderSpecs[kind].label,
  subscription: reminderSpecs[kind].subscription,
  templateId: `tpl-${kind}`,
  oneTimeLeft: 0,
  longTerm: false,
  status: 'none',
  ...over,
});
const allKinds: ReminderKind[] = ['episode_update', 'checkin', 'new_drama', 'home_recommend'];
const consents = (over: Partial<Record<ReminderKind, Partial<ConsentItem>>> = {}) => ok({ items: allKinds.map((k) => consent(k, over[k])) });

/** A platform dialog that records what it was asked and answers from a script, call by call. */
function platformDialog(...answers: unknown[]) {
  const asked: SubscribeTemplate[][] = [];
  const request: SubscribeRequest = async (templates) => {
    asked.push(templates);
    return answers.shift();
  };
  return { asked, request };
}

const posted = (calls: ReturnType<typeof fakeNetwork>) => calls.filter((c) => c.route === 'POST /consents').map((c) => c.data);

beforeEach(() => {
  localStorage.clear();
  forgetConsents();
  jest.restoreAllMocks();
  document.body.innerHTML = '';
});

describe('askForReminders', () => {
  it('asks at most 3 templates a dialog, never mixing one-time and long-term, and reports the answers per kind', async () => {
    const calls = fakeNetwork({ 'GET /me/consents': consents(), 'POST /consents': consents() });
    const dialog = platformDialog(
      { errMsg: 'requestSubscribeMessage:ok', 'tpl-episode_update': 'accept', 'tpl-checkin': 'reject', 'tpl-new_drama': 'filter' },
      { errMsg: 'requestSubscribeMessage:ok', 'tpl-home_recommend': 'ban' },
    );

    const outcome = await askForReminders(allKinds, 'settings', dialog.request);

    expect(dialog.asked.map((batch) => batch.map((t) => t.id))).toEqual([
      ['tpl-episode_update', 'tpl-checkin', 'tpl-new_drama'],
      ['tpl-home_recommend'],
    ]);
    for (const batch of dialog.asked) {
      expect(batch.length).toBeLessThanOrEqual(3);
      expect(new Set(batch.map((t) => reminderSpecs[t.kind].subscription)).size).toBe(1);
    }
    // 'filter' (the platform hid the template) is no answer from the user.
    expect(posted(calls)).toEqual([{ platform: 'sandbox', results: { episode_update: 'accept', checkin: 'reject', home_recommend: 'ban' } }]);
    expect(outcome.results).toEqual({ episode_update: 'accept', checkin: 'reject', home_recommend: 'ban' });
  });

  it("reads Douyin's templateSettings answer: ticked means accepted, unlisted declined, always-keep a ban", async () => {
    const calls = fakeNetwork({ 'GET /me/consents': consents(), 'POST /consents': consents() });
    const dialog = platformDialog({
      errMsg: 'requestSubscribeMessage:ok',
      templateSettings: { 'tpl-episode_update': { status: 'accept', alwaysSubscribe: false }, 'tpl-new_drama': { status: 'reject', alwaysSubscribe: true } },
    });

    await askForReminders(['episode_update', 'checkin', 'new_drama'], 'follow', dialog.request);

    expect(posted(calls)).toEqual([{ platform: 'sandbox', results: { episode_update: 'accept', checkin: 'reject', new_drama: 'ban' } }]);
  });

  it('never asks for kinds allowed for the long term, nor again for the same trigger on the same day', async () => {
    const calls = fakeNetwork({ 'GET /me/consents': consents({ home_recommend: { longTerm: true, status: 'accepted' } }), 'POST /consents': consents() });
    const dialog = platformDialog({ 'tpl-episode_update': 'accept' }, { 'tpl-episode_update': 'accept' });

    expect((await askForReminders(['home_recommend'], 'follow', dialog.request)).asked).toBe(false);
    expect((await askForReminders(['episode_update', 'home_recommend'], 'follow', dialog.request)).asked).toBe(true);
    expect((await askForReminders(['episode_update'], 'follow', dialog.request)).asked).toBe(false);

    expect(dialog.asked.map((batch) => batch.map((t) => t.kind))).toEqual([['episode_update']]);
    expect(posted(calls)).toHaveLength(1);
  });

  it('with the consents loaded ahead, opens the dialog within the tap itself (as tt and weapp require)', async () => {
    fakeNetwork({ 'GET /me/consents': consents(), 'POST /consents': consents() });
    await loadConsents();
    const dialog = platformDialog({ 'tpl-checkin': 'accept' });

    const asking = askForReminders(['checkin'], 'checkin', dialog.request);

    // Before anything is awaited: still inside the tap handler.
    expect(dialog.asked).toHaveLength(1);
    await asking;
  });

  it('reports nothing when the dialog fails (e.g. not called from a tap)', async () => {
    const calls = fakeNetwork({ 'GET /me/consents': consents() });
    const request: SubscribeRequest = () => Promise.reject({ errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture' });
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);

    const outcome = await askForReminders(['checkin'], 'checkin', request);

    expect(outcome).toEqual({ asked: true, results: {} });
    expect(posted(calls)).toHaveLength(0);
  });

  it('on H5 shows the sandbox subscribe dialog and reports what the user chose', async () => {
    const calls = fakeNetwork({ 'GET /me/consents': consents(), 'POST /consents': consents() });

    const asking = askForReminders(['episode_update', 'new_drama'], 'paywall_close');
    fireEvent.click(await screen.findByRole('checkbox', { name: '新剧上线提醒' }));
    fireEvent.click(screen.getByRole('button', { name: '允许' }));
    await asking;

    expect(posted(calls)).toEqual([{ platform: 'sandbox', results: { episode_update: 'accept', new_drama: 'reject' } }]);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });
});
