import { createContext, useContext } from 'react';
import type { SwitchboardApi } from '../../../preload/api-types.ts';

/**
 * The renderer's one way to reach main: `window.api` in the app and the browser harness. Components take
 * it from context, never from the global, so a test can render them against any implementation.
 */
export const ApiContext = createContext<SwitchboardApi | null>(null);

export function useApi(): SwitchboardApi {
  const api = useContext(ApiContext);
  if (api === null) throw new Error('useApi: no ApiContext.Provider above this component');
  return api;
}
