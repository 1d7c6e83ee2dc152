import { useAppStore } from '../store/store-context.tsx';

export type View = 'board' | 'accounts' | 'settings';

const LABELS: Record<View, string> = { board: 'Board', accounts: 'Accounts', settings: 'Settings' };

/** The three views as buttons; the current one is marked for assistive technology with aria-current. */
export function NavTabs(props: { current: View; onChange: (view: View) => void }): React.JSX.Element {
  const accountCount = useAppStore((state) => state.accounts?.length ?? null);
  const loginCount = useAppStore((state) => state.cardOrder.length);
  const counts: Record<View, number | null> = { board: loginCount, accounts: accountCount, settings: null };

  return (
    <nav aria-label="Views" className="nav-tabs">
      {(Object.keys(LABELS) as View[]).map((view) => (
        <button
          key={view}
          type="button"
          aria-current={props.current === view ? 'page' : undefined}
          onClick={() => {
            props.onChange(view);
          }}
        >
          {LABELS[view]}
          {counts[view] !== null && counts[view] > 0 ? (
            <span className="nav-count" aria-label={`, ${counts[view]}`}>
              {counts[view]}
            </span>
          ) : null}
        </button>
      ))}
    </nav>
  );
}
