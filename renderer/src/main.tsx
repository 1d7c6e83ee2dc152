import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiContext } from './api/api-context.tsx';
import { App } from './shell/app.tsx';
import { createAppStore } from './store/app-store.ts';
import { connectStore } from './store/connect-store.ts';
import { StoreContext } from './store/store-context.tsx';
import './app.css';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');
const root = createRoot(container);

const api = window.api;
if (api === undefined) {
  root.render(
    <p className="no-api" role="alert">
      Not running inside the Switchboard window: there is no connection to the app.
    </p>,
  );
} else {
  const store = createAppStore();
  connectStore(api, store);
  root.render(
    <StrictMode>
      <ApiContext value={api}>
        <StoreContext value={store}>
          <App />
        </StoreContext>
      </ApiContext>
    </StrictMode>,
  );
}
