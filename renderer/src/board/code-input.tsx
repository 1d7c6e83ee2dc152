import { useEffect, useId, useRef, useState } from 'react';
import type { AppError, ErrorCode } from '../../../main/contract/errors.ts';
import type { CodeEntry } from './delivery-instructions.ts';
import { mayTakeFocus, stepFocus } from './focus.ts';

/** After these the typed code is useless: clear it so the next one can be typed straight away. */
const WRONG_CODE: ReadonlySet<ErrorCode> = new Set([
  'PHONE_CODE_INVALID',
  'EMAIL_CODE_INVALID',
  'PHONE_CODE_EMPTY',
]);

/** The longest code main accepts (the IPC contract's limit). */
const MAX_CODE_LENGTH = 64;

interface CodeInputProps {
  readonly entry: CodeEntry;
  /** While a request is in flight. */
  readonly disabled: boolean;
  /** The card's error; a wrong code empties the input. */
  readonly error: AppError | null;
  readonly onSubmit: (code: string) => Promise<void>;
}

/**
 * The code field. Digit codes accept digits only, are sized from the delivery's length and sign in by
 * themselves once complete (Enter also works); words and calling numbers have a "Sign in" button.
 */
export function CodeInput(props: CodeInputProps): React.JSX.Element {
  const { entry, error } = props;
  const [value, setValue] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const inFlight = useRef(false);
  const hintId = useId();
  const inputId = useId();

  useEffect(() => {
    if (error === null || !WRONG_CODE.has(error.code)) return;
    setValue('');
    const input = inputRef.current;
    if (input !== null && mayTakeFocus(input)) input.focus();
  }, [error]);

  const send = (code: string): void => {
    const trimmed = code.trim();
    if (inFlight.current || trimmed === '') return;
    inFlight.current = true;
    void props.onSubmit(trimmed).finally(() => {
      inFlight.current = false;
    });
  };

  const onChange = (raw: string): void => {
    if (entry.format === 'digits') {
      const digits = raw.replace(/\D/g, '').slice(0, entry.length);
      const completed = digits.length === entry.length && value.length !== entry.length;
      setValue(digits);
      if (completed) send(digits);
    } else if (entry.format === 'callingNumber') {
      setValue(raw.replace(/[^\d+]/g, ''));
    } else {
      setValue(raw);
    }
  };

  const digits = entry.format === 'digits';
  const maxLength = digits ? entry.length : MAX_CODE_LENGTH;
  return (
    <form
      className="card-form"
      onSubmit={(event) => {
        event.preventDefault();
        send(value);
      }}
    >
      <label htmlFor={inputId}>{entry.label}</label>
      <div className="card-form-row">
        <input
          {...stepFocus}
          ref={inputRef}
          id={inputId}
          className={digits ? 'code-input code-input-digits' : 'code-input'}
          value={value}
          disabled={props.disabled}
          onChange={(event) => {
            onChange(event.target.value);
          }}
          onPaste={(event) => {
            // maxLength would cut a pasted "12-345" before the separators are dropped: insert it ourselves.
            if (!digits) return;
            event.preventDefault();
            const input = event.currentTarget;
            const start = input.selectionStart ?? value.length;
            const end = input.selectionEnd ?? value.length;
            onChange(value.slice(0, start) + event.clipboardData.getData('text') + value.slice(end));
          }}
          aria-describedby={hintId}
          inputMode={entry.format === 'callingNumber' ? 'tel' : digits ? 'numeric' : 'text'}
          autoComplete={entry.format === 'callingNumber' ? 'off' : 'one-time-code'}
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          maxLength={maxLength}
          size={digits ? entry.length : undefined}
        />
        {digits ? null : (
          <button type="submit" className="primary" disabled={props.disabled}>
            Sign in
          </button>
        )}
      </div>
      <p className="card-hint" id={hintId}>
        {entry.format === 'digits'
          ? `${String(entry.length)} digits. The card signs in as soon as the last one is typed.`
          : 'Then press Sign in.'}
      </p>
    </form>
  );
}
