import type { AppError } from '../../../main/contract/errors.ts';
import { errorAdvice } from './error-advice.ts';
import { WaitCountdown } from './wait-countdown.tsx';
import { useServerName } from '../settings/use-server-name.ts';

/**
 * An error or a refused action on a card: main's sentence and what to do about it, in an alert; for a
 * flood wait, then the live countdown and the clock time it ends (with `waitId`, so a disabled button can
 * point to it). The countdown stays outside the alert so that its ticks are not announced.
 * `canRetry`: the card offers "Try again".
 */
export function CardError(props: { error: AppError; canRetry: boolean; waitId?: string }): React.JSX.Element {
  const { error } = props;
  const server = useServerName();
  const advice = errorAdvice(error.code, props.canRetry);
  const waitUntil = error.code === 'FLOOD_WAIT' ? error.retryAt : undefined;
  return (
    <div className="card-error">
      <div role="alert">
        <p>{error.message}</p>
        {error.code === 'TELEGRAM_ERROR' && error.rpcMessage !== undefined ? (
          <p>
            {server}&apos;s reason: <code>{error.rpcMessage}</code>
          </p>
        ) : null}
        {advice === null ? null : <p>{advice}</p>}
      </div>
      {waitUntil === undefined ? null : <WaitCountdown until={waitUntil} id={props.waitId} />}
    </div>
  );
}
