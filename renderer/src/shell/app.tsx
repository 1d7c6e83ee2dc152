import { useState } from 'react';
import { defaultMessage } from '../../../main/contract/error-catalogue.ts';
import { AccountsView } from '../accounts/accounts-view.tsx';
import { BoardView } from '../board/board-view.tsx';
import { ProfileBadge } from '../settings/profile-badge.tsx';
import { SettingsView } from '../settings/settings-view.tsx';
import { useAppStore } from '../store/store-context.tsx';
import { Announcer } from './announcer.tsx';
import { NavTabs, type View } from './nav-tabs.tsx';

/** The window: a header with the server badge and the three views, and the screen-reader live region. */
export function App(): React.JSX.Element {
  const [view, setView] = useState<View>('board');
  const loadError = useAppStore((state) => state.loadError);
  const connected = useAppStore((state) => state.connected);

  return (
    <div className="app">
      <header className="app-header">
        <h1 className="app-title">Switchboard</h1>
        <ProfileBadge />
        <NavTabs current={view} onChange={setView} />
      </header>
      {loadError ? (
        <p className="load-error" role="alert">
          {loadError.message}
        </p>
      ) : null}
      <main className="app-main" id="main">
        {/* Without main, every row and card would show what was true before: say what is, instead. */}
        {!connected ? <ConnectionLost /> : null}
        {connected && view === 'board' ? (
          <BoardView
            onOpenSettings={() => {
              setView('settings');
            }}
          />
        ) : null}
        {connected && view === 'accounts' ? (
          <AccountsView
            onLoginStarted={() => {
              setView('board');
            }}
          />
        ) : null}
        {connected && view === 'settings' ? <SettingsView /> : null}
      </main>
      <Announcer />
    </div>
  );
}

function ConnectionLost(): React.JSX.Element {
  return (
    <section className="connection-lost" role="alert" aria-labelledby="connection-lost-title">
      <h2 id="connection-lost-title">Connection lost</h2>
      <p>{defaultMessage('DISCONNECTED')}</p>
    </section>
  );
}
