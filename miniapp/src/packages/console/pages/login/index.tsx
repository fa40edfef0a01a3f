import { useState, type FormEvent } from 'react';
import Taro from '@tarojs/taro';
import { ApiError } from '@/lib/api-client';
import { errorText } from '@/lib/error-text';
import { operatorLogin } from '@/features/console/api/operator-login';
import { saveOperatorSession } from '@/features/console/operator-session';
import { consoleDashboardUrl } from '@/features/console/routes';
import '@/features/console/components/console.css';

/** The operator signs in with the operator secret (the API's OPERATOR_SECRET; locally .data/operator-secret). */
export default function ConsoleLoginPage() {
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      saveOperatorSession(await operatorLogin(secret.trim()));
      await Taro.redirectTo({ url: consoleDashboardUrl });
    } catch (err) {
      // A wrong secret is a 401 here, not an expired session.
      setError(err instanceof ApiError && err.status === 401 ? '运营密钥不对，请重新输入' : errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="console console--login">
      <form className="console-card console-login" onSubmit={submit}>
        <h1 className="console-card__title">运营后台</h1>
        <p className="console-note">仅限运营人员。请输入运营密钥。</p>
        <label className="console-field">
          运营密钥
          <input type="password" autoComplete="current-password" value={secret} onChange={(e) => setSecret(e.target.value)} />
        </label>
        <div className="console-actions">
          <button className="console-button" type="submit" disabled={busy || !secret.trim()}>
            {busy ? '登录中…' : '登录'}
          </button>
        </div>
        {error && (
          <p className="console-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </div>
  );
}
