import { serverNameOf } from '../../../main/contract/server-name.ts';
import { useAppStore } from '../store/store-context.tsx';

/** The name sentences give the server the app talks to: Telegram, the sandbox, or a custom server's name. */
export function useServerName(): string {
  return useAppStore((state) => serverNameOf(state.settings?.serverProfile));
}
