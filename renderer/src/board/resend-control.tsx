import type { NextMedium, SentCodeView } from '../../../main/contract/delivery.ts';
import type { AppError } from '../../../main/contract/errors.ts';
import { formatCountdown } from '../time/format-duration.ts';
import { useCountdown } from '../time/use-countdown.ts';

const RESEND_LABELS: Record<NextMedium, string> = {
  sms: 'Send code by SMS',
  call: 'Call me with the code',
  flashCall: 'Send code by flash call',
  missedCall: 'Send code by missed call',
  fragmentSms: 'Get code on Fragment',
};

export const NO_OTHER_MEDIUM =
  'Telegram offers no other way to send this code. If it does not arrive, look in the chat named Telegram on another device where this number is signed in, or cancel this login and try again later.';

/**
 * "Didn't get the code?": the button for the next medium main reported, counting down to when it is
 * allowed, or why there is none. Main decides both; this only draws them.
 */
export function ResendControl(props: {
  sentCode: SentCodeView;
  error: AppError | null;
  disabled: boolean;
  onResend: () => Promise<void>;
}): React.JSX.Element | null {
  const { nextMedium, resendAvailableAt } = props.sentCode;
  // The error on the card already says what to do instead.
  if (props.error?.code === 'SEND_CODE_UNAVAILABLE') return null;
  if (nextMedium === null) return <p className="card-hint">{NO_OTHER_MEDIUM}</p>;
  return (
    <div className="card-resend">
      <span className="card-hint">Didn&apos;t get the code?</span>
      <ResendButton
        label={RESEND_LABELS[nextMedium]}
        availableAt={resendAvailableAt}
        disabled={props.disabled}
        onResend={props.onResend}
      />
    </div>
  );
}

/** The only part that re-renders each second while the wait runs. */
function ResendButton(props: {
  label: string;
  availableAt: number | null;
  disabled: boolean;
  onResend: () => Promise<void>;
}): React.JSX.Element {
  const left = useCountdown(props.availableAt) ?? 0;
  const waiting = left > 0;
  return (
    <button
      type="button"
      disabled={props.disabled || waiting}
      onClick={() => {
        void props.onResend();
      }}
    >
      {waiting ? `${props.label} in ${formatCountdown(left)}` : props.label}
    </button>
  );
}
