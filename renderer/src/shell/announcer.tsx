import { useAppStore } from '../store/store-context.tsx';

/**
 * The one polite live region: the store's latest announcement (a card changed step, an error arrived).
 * Keyed by serial so the same sentence twice is read twice.
 */
export function Announcer(): React.JSX.Element {
  const announcement = useAppStore((state) => state.announcement);
  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      {announcement ? <span key={announcement.serial}>{announcement.text}</span> : null}
    </div>
  );
}
