import type { CodeDelivery, SentCodeView } from '../../../main/contract/delivery.ts';
import type { AppError } from '../../../main/contract/errors.ts';
import type { LoginCard, LoginPending, LoginState } from '../../../main/contract/login-state.ts';
import { LoginCardView } from '../../../renderer/src/board/login-card.tsx';
import { createAppStore, type AppStore } from '../../../renderer/src/store/app-store.ts';
import { renderWithApp, ScriptedApi, type Rendered } from '../support/render.tsx';

/** Login cards as main would send them, and a way to render them on their own. */
export const LOGIN_ID = '5d0f8a3e-2b4c-4e1a-9f6d-0c7b8a9e1d21';
export const OTHER_ID = '8e2a4c6b-1d3f-4a5b-8c7d-9e0f1a2b3c4d';
export const PHONE = '+15550601001';
export const OTHER_PHONE = '+15550601002';

export function loginCard(state: LoginState, id: string = LOGIN_ID): LoginCard {
  return { id, state, createdAt: 1 };
}

export function sentCode(delivery: CodeDelivery, extra: Partial<SentCodeView> = {}): SentCodeView {
  return { delivery, nextMedium: null, resendAvailableAt: null, sentAt: 0, ...extra };
}

/** What every state has besides its step. */
export interface StateBase {
  readonly phone?: string;
  readonly pending?: LoginPending | null;
  readonly error?: AppError | null;
}

export function codeSentState(sent: SentCodeView, base: StateBase = {}): LoginState {
  return { step: 'codeSent', phone: PHONE, pending: null, error: null, ...base, sentCode: sent };
}

export const SMS: CodeDelivery = { kind: 'sms', length: 5 };

/** A ScriptedApi whose card actions all succeed, answering with `next` (by default the card unchanged). */
export function acceptingApi(store: AppStore, next?: (loginId: string) => LoginCard): ScriptedApi {
  const api = new ScriptedApi();
  const answer = (payload: { loginId: string }) => {
    const card = next?.(payload.loginId) ?? store.getState().cards[payload.loginId];
    return card === undefined
      ? { ok: false as const, error: { code: 'NOT_FOUND' as const, message: 'gone' } }
      : { ok: true as const, value: card };
  };
  api.answer('login:perform', answer);
  api.answer('login:dismiss', () => ({ ok: true, value: { removed: true } }));
  api.answer('app:openExternal', () => ({ ok: true, value: { by: 'system' as const } }));
  return api;
}

/** Renders the cards with these states (the first one under LOGIN_ID), each as the board does. */
export function renderCards(
  states: readonly LoginState[],
  ids: readonly string[] = [LOGIN_ID, OTHER_ID],
): Rendered {
  const store = createAppStore();
  states.forEach((state, index) => {
    store.getState().upsertCard(loginCard(state, ids[index] ?? LOGIN_ID));
  });
  const api = acceptingApi(store);
  return renderWithApp(
    <ol>
      {states.map((_, index) => {
        const id = ids[index] ?? LOGIN_ID;
        return (
          <li key={id}>
            <LoginCardView loginId={id} />
          </li>
        );
      })}
    </ol>,
    { api, store },
  );
}

export function renderCard(state: LoginState): Rendered {
  return renderCards([state]);
}
