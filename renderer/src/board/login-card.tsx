import { useAppStore } from '../store/store-context.tsx';
import { selectCard } from '../store/selectors.ts';

/** PLACEHOLDER (helper A replaces this): one login card. */
export function LoginCardView(props: { loginId: string }): React.JSX.Element | null {
  const card = useAppStore(selectCard(props.loginId));
  if (!card) return null;
  return <article aria-label={`Login for ${card.state.phone}`}>{card.state.step}</article>;
}
