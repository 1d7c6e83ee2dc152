import { useEffect, useRef } from 'react';
import type { LoginState } from '../../../main/contract/login-state.ts';
import { mayTakeFocus, STEP_FOCUS_ATTRIBUTE } from './focus.ts';

/** Where a card is, finely enough that the email form turning into the email-code form counts as a move. */
function stage(state: LoginState): string {
  return state.step === 'emailSetup'
    ? `emailSetup:${state.emailCode === null ? 'address' : 'code'}`
    : state.step;
}

const FINISHED = new Set(['signedIn', 'failed', 'cancelled']);

/**
 * When the card moves to a new step, focuses the step's first control, so the keyboard follows the card.
 * Never on the first render (200 cards appearing must not fight over focus) and never away from another
 * card or a field elsewhere. A finished card only keeps focus it had: its buttons are not worth pulling
 * an idle user to.
 */
export function useStepFocus(
  card: React.RefObject<HTMLElement | null>,
  state: LoginState,
): { onFocus: () => void; onBlur: (event: React.FocusEvent) => void } {
  const current = stage(state);
  const previous = useRef(current);
  // Focus inside the card that vanished with its step (the code field of a signed-in card) still counts.
  const hadFocus = useRef(false);

  useEffect(() => {
    if (previous.current === current) return;
    previous.current = current;
    const element = card.current;
    if (element === null) return;
    const target = element.querySelector<HTMLElement>(`[${STEP_FOCUS_ATTRIBUTE}]:not(:disabled)`);
    if (target === null || !mayTakeFocus(target)) return;
    const active = element.ownerDocument.activeElement;
    if (FINISHED.has(state.step) && !element.contains(active) && !hadFocus.current) return;
    target.focus();
  }, [card, current, state.step]);

  return {
    onFocus: () => {
      hadFocus.current = true;
    },
    onBlur: (event) => {
      // No related target: focus went nowhere (its element was removed, the window lost focus).
      const next = event.relatedTarget;
      if (next !== null && !event.currentTarget.contains(next)) hadFocus.current = false;
    },
  };
}
