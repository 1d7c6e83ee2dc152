import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { CodeDelivery } from '../../../main/contract/delivery.ts';
import type { LoginState } from '../../../main/contract/login-state.ts';
import { codeSentState, LOGIN_ID, PHONE, renderCard, sentCode } from './login-card-fixtures.tsx';

interface DeliveryCase {
  readonly delivery: CodeDelivery;
  /** Sentences (or parts of them) the card must show. */
  readonly says: readonly string[];
  /** The code field's accessible name; null when the step has none. */
  readonly label: string | null;
}

const CASES: readonly DeliveryCase[] = [
  {
    delivery: { kind: 'app', length: 5 },
    says: ['Telegram app on another device', 'Open the chat named Telegram'],
    label: 'Login code',
  },
  { delivery: { kind: 'sms', length: 5 }, says: ['The code was sent by SMS to'], label: 'Login code' },
  { delivery: { kind: 'call', length: 6 }, says: ['is calling', 'read the code out'], label: 'Login code' },
  {
    delivery: { kind: 'flashCall', pattern: '+1555****' },
    says: ['The number that calls is the code', 'It looks like +1555****'],
    label: 'Calling number',
  },
  {
    delivery: { kind: 'missedCall', prefix: '+44 20', length: 4 },
    says: ['from a number starting with +44 20', 'Type the last 4 digits of that number'],
    label: 'Login code',
  },
  {
    delivery: {
      kind: 'email',
      emailPattern: 'a***@example.com',
      length: 6,
      appleSignInAllowed: false,
      googleSignInAllowed: false,
      resetAvailableAt: null,
      resetPendingAt: null,
    },
    says: ['sent by email to a***@example.com', 'spam folder'],
    label: 'Email code',
  },
  {
    delivery: { kind: 'setUpEmailRequired', appleSignInAllowed: false, googleSignInAllowed: false },
    says: ['add a login email before it sends a code'],
    label: null,
  },
  {
    delivery: { kind: 'fragmentSms', url: 'https://fragment.com/number/15550601001/code', length: 5 },
    says: ['anonymous number', 'code is on Fragment', 'Press Open Fragment'],
    label: 'Login code',
  },
  {
    delivery: { kind: 'firebaseSms', length: 6 },
    says: ['The code was sent by SMS to'],
    label: 'Login code',
  },
  {
    delivery: { kind: 'smsWord', beginning: 'q' },
    says: ['contains a secret word', 'starts with the letter q'],
    label: 'Secret word',
  },
  {
    delivery: { kind: 'smsPhrase', beginning: 'purple' },
    says: ['contains a secret phrase', 'Its first word is purple'],
    label: 'Secret phrase',
  },
];

describe('delivery instructions', () => {
  it('covers all eleven kinds of delivery', () => {
    expect(new Set(CASES.map((c) => c.delivery.kind)).size).toBe(11);
  });

  it.each(CASES)(
    '$delivery.kind: says where the code is and labels the field',
    ({ delivery, says, label }) => {
      renderCard(codeSentState(sentCode(delivery)));
      const card = screen.getByRole('article', { name: `Login for ${PHONE}` });
      for (const sentence of says) expect(card.textContent).toContain(sentence);
      if (label === null) {
        expect(within(card).queryByRole('textbox')).toBeNull();
      } else {
        expect(within(card).getByRole('textbox', { name: label })).toBeTruthy();
      }
    },
  );

  it('shows the secret word and phrase without a beginning too', () => {
    renderCard(codeSentState(sentCode({ kind: 'smsWord', beginning: null })));
    expect(screen.getByText('Type that word.')).toBeTruthy();
  });

  it('opens Fragment through main for a Fragment number', async () => {
    const url = 'https://fragment.com/number/15550601001/code';
    const { api } = renderCard(codeSentState(sentCode({ kind: 'fragmentSms', url, length: 5 })));
    await userEvent.click(screen.getByRole('button', { name: 'Open Fragment' }));
    expect(api.callsTo('app:openExternal')).toEqual([{ url }]);
  });

  it('shows main refusing to open the link as the card notice', async () => {
    const url = 'https://fragment.com/number/15550601001/code';
    const { api } = renderCard(codeSentState(sentCode({ kind: 'fragmentSms', url, length: 5 })));
    api.answer('app:openExternal', () => ({
      ok: false,
      error: { code: 'URL_NOT_ALLOWED', message: 'Switchboard only opens Telegram and Fragment links.' },
    }));
    await userEvent.click(screen.getByRole('button', { name: 'Open Fragment' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'only opens Telegram and Fragment links',
    );
  });
});

describe('the login email step', () => {
  const noCode: LoginState = {
    step: 'emailSetup',
    phone: PHONE,
    pending: null,
    error: null,
    emailCode: null,
  };

  it('asks for an address and sends it to main', async () => {
    const { api } = renderCard(noCode);
    await userEvent.type(screen.getByLabelText('Login email'), 'me@example.com');
    await userEvent.click(screen.getByRole('button', { name: 'Send email code' }));
    expect(api.callsTo('login:perform')).toEqual([
      { loginId: LOGIN_ID, request: { type: 'setUpEmail', email: 'me@example.com' } },
    ]);
  });

  it('then takes the emailed code and verifies it once it is complete', async () => {
    const { api } = renderCard({ ...noCode, emailCode: { emailPattern: 'm*@example.com', length: 6 } });
    expect(screen.getByRole('article').textContent).toContain('m*@example.com');
    expect(screen.getByRole('article').textContent).toContain('spam folder');
    await userEvent.type(screen.getByRole('textbox', { name: 'Email code' }), '123456');
    expect(api.callsTo('login:perform')).toEqual([
      { loginId: LOGIN_ID, request: { type: 'verifyEmail', code: '123456' } },
    ]);
  });
});
