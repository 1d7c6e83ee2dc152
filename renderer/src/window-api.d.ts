import type { SwitchboardApi } from '../../preload/api-types.ts';

declare global {
  interface Window {
    /** Set by the preload; missing when the page is opened anywhere but Switchboard's window. */
    readonly api?: SwitchboardApi;
  }
}
