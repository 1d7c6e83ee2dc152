import { useEffect, useState } from 'react';
import { describeAccountsAnswer } from './accounts-summary.ts';
import { SettingsForm } from './settings-form.tsx';

/**
 * A placeholder start page: it proves the window loads and IPC answers, and takes the API credentials
 * and the server profile. The board replaces it.
 */
export function App(): React.JSX.Element {
  const [status, setStatus] = useState('Asking for the accounts…');

  useEffect(() => {
    const api = window.api;
    if (api === undefined) {
      setStatus('Not running inside the Switchboard window: there is no connection to the app.');
      return;
    }
    let current = true;
    void api.invoke('accounts:list', {}).then((result) => {
      if (current) setStatus(describeAccountsAnswer(result));
    });
    return () => {
      current = false; // React's strict mode runs effects twice in development
    };
  }, []);

  return (
    <main className="start">
      <h1>Switchboard</h1>
      <p role="status">{status}</p>
      <SettingsForm />
    </main>
  );
}
