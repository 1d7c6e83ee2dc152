import { describeDuration, formatCountdown, formatEndTime } from '../time/format-duration.ts';
import { useCountdown } from '../time/use-countdown.ts';

/**
 * The time left on a wait, ticking each second, and the clock time it ends. Deliberately not a live
 * region: a screen reader is not read a number every second.
 */
export function WaitCountdown(props: { until: number; id?: string }): React.JSX.Element {
  const left = useCountdown(props.until) ?? 0;
  return (
    <p className="card-wait" id={props.id}>
      {left > 0 ? (
        <>
          Time left:{' '}
          <time className="card-wait-time" dateTime={`PT${String(Math.ceil(left / 1000))}S`}>
            {formatCountdown(left)}
          </time>
          <span className="visually-hidden"> ({describeDuration(left)})</span>. You can try again at{' '}
          {formatEndTime(props.until)}.
        </>
      ) : (
        'The wait is over. You can try again now.'
      )}
    </p>
  );
}
