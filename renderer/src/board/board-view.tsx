import { useAppStore } from '../store/store-context.tsx';
import { selectCardOrder } from '../store/selectors.ts';
import { AddPhones } from './add-phones.tsx';
import { CredentialsNotice } from './credentials-notice.tsx';
import { LoginCardView } from './login-card.tsx';

/**
 * The login board: the form that adds phones, then one card per login. The list re-renders only when
 * cards come or go; each card subscribes to its own state.
 */
export function BoardView(props: { onOpenSettings: () => void }): React.JSX.Element {
  const order = useAppStore(selectCardOrder);
  return (
    <section aria-labelledby="board-title" className="board">
      <h2 id="board-title" className="visually-hidden">
        Login board
      </h2>
      <CredentialsNotice onOpenSettings={props.onOpenSettings} />
      <AddPhones />
      {order.length === 0 ? (
        <p className="board-empty">No logins yet. Add a phone number, or paste a list of them, to start.</p>
      ) : (
        <ol className="card-grid" aria-label="Logins">
          {order.map((id) => (
            <li key={id}>
              <LoginCardView loginId={id} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
