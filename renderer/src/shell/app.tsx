import { useState } from 'react';
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
        {view === 'board' ? (
          <BoardView
            onOpenSettings={() => {
              setView('settings');
            }}
          />
        ) : null}
        {view === 'accounts' ? (
          <AccountsView
            onLoginStarted={() => {
              setView('board');
            }}
          />
        ) : null}
        {view === 'settings' ? <SettingsView /> : null}
      </main>
      <Announcer />
    </div>
  );
}
