import { plan, type Need } from './system-deps';

const need = (why: string, packages: string[], present: boolean): Need => ({ why, packages, present: () => present });
const browser = need('Chromium for the end-to-end suites', ['chromium'], false);
const python = need('the Python stack', ['python3-torch', 'python3-numpy'], false);

describe('npm test system packages', () => {
  it('does nothing when everything is present', () => {
    expect(plan([], { root: false, apt: false })).toEqual({ kind: 'ready' });
  });

  it('installs exactly the missing packages when it runs as root with apt-get', () => {
    expect(plan([browser, python], { root: true, apt: true })).toEqual({
      kind: 'install',
      packages: ['chromium', 'python3-torch', 'python3-numpy'],
      why: [browser.why, python.why],
    });
  });

  it('gives the one command to run when it is not root', () => {
    const next = plan([browser], { root: false, apt: true });
    expect(next).toMatchObject({ kind: 'ask', command: 'sudo apt-get install -y --no-install-recommends chromium' });
    expect(next.kind === 'ask' && next.reason).toMatch(/root/);
  });

  it('says apt-get is missing rather than trying it', () => {
    const next = plan([python], { root: true, apt: false });
    expect(next.kind).toBe('ask');
    expect(next.kind === 'ask' && next.reason).toMatch(/apt-get is not available/);
  });
});
