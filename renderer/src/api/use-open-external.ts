import { useCallback } from 'react';
import type { AppError } from '../../../main/contract/errors.ts';
import { useApi } from './api-context.tsx';

/**
 * Opens a link the way main allows: main checks it and opens it in the system's browser, or (in the
 * browser harness, which has no system browser to hand it to) answers that the page opens it itself, in
 * a new tab. Resolves to main's refusal, or null once it was opened.
 */
export function useOpenExternal(): (url: string) => Promise<AppError | null> {
  const api = useApi();
  return useCallback(
    async (url: string) => {
      const result = await api.invoke('app:openExternal', { url });
      if (!result.ok) return result.error;
      if (result.value.by === 'page') window.open(result.value.url, '_blank', 'noopener,noreferrer');
      return null;
    },
    [api],
  );
}
