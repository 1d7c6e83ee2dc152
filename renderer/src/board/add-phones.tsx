import { useId, useMemo, useRef, useState } from 'react';
import type { AppError } from '../../../main/contract/errors.ts';
import { selectKnownPhones } from '../phone/known-phones.ts';
import { describePhone, formatPhone } from '../phone/phone-format.ts';
import { classifyPhones, describeEntryStatus, splitPhoneList, type PhoneEntry } from '../phone/phone-list.ts';
import { useStartLogin } from '../phone/use-start-login.ts';
import { useAppStore, useAppStoreApi } from '../store/store-context.tsx';
import './add-phones.css';
import { mapWithLimit } from '../util/map-with-limit.ts';

/** Logins asked of main at a time when a list is pasted; each answer comes back at once (step sendingCode). */
const STARTS_AT_ONCE = 8;

/**
 * The form that puts logins on the board: one number typed at a time (the input stays focused and empty
 * after each, for operators adding many in a row), or a pasted list checked line by line before any is sent.
 */
export function AddPhones(): React.JSX.Element {
  const store = useAppStoreApi();
  const startLogin = useStartLogin();
  const inputRef = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [listOpen, setListOpen] = useState(false);
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const listId = useId();

  const focusInput = (): void => {
    inputRef.current?.focus();
  };

  const submit = async (event: React.SubmitEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    if (sending) return;
    const typed = value;
    const [entry] = classifyPhones([typed], selectKnownPhones(store.getState()));
    const problem = entry === undefined ? null : describeEntryStatus(entry.status);
    if (entry === undefined || problem !== null) {
      setError(problem);
      focusInput();
      return;
    }
    setSending(true);
    const refusal = await startLogin(entry.phone);
    setSending(false);
    if (refusal === null) {
      // Keep whatever the user already started typing while main answered.
      setValue((current) => (current === typed ? '' : current));
      setError(null);
    } else {
      setError(refusal.message);
    }
    focusInput();
  };

  const description = describePhone(value);
  return (
    <form
      aria-label="Add phones"
      className="add-phones"
      noValidate
      onSubmit={(event) => {
        void submit(event);
      }}
    >
      <div className="add-phones-row">
        <label htmlFor={inputId}>Phone number</label>
        <input
          ref={inputRef}
          id={inputId}
          type="tel"
          inputMode="tel"
          autoComplete="off"
          spellCheck={false}
          value={value}
          aria-invalid={error !== null}
          aria-describedby={error === null ? hintId : `${errorId} ${hintId}`}
          onChange={(event) => {
            setValue(event.target.value);
            setError(null);
          }}
        />
        <button type="submit" className="primary" disabled={sending}>
          Send code
        </button>
        <button
          type="button"
          aria-expanded={listOpen}
          aria-controls={listId}
          onClick={() => {
            setListOpen((open) => !open);
          }}
        >
          Paste a list
        </button>
      </div>
      <p id={hintId} className="phone-hint">
        {description.origin === null ? (
          'Type the number with its country code, e.g. +44 20 7946 0958.'
        ) : (
          <>
            {description.origin}: {description.formatted}
            {description.warning === null ? null : (
              <span className="phone-warning"> {description.warning}</span>
            )}
          </>
        )}
      </p>
      {error === null ? null : (
        <p id={errorId} className="phone-error" role="alert">
          {error}
        </p>
      )}
      {listOpen ? <PhoneListPanel id={listId} /> : null}
    </form>
  );
}

/** A refusal from main for one number of the last list started. */
interface Refusal {
  readonly phone: string;
  readonly error: AppError;
}

/** The pasted list: every entry classified as the user types, then the ready ones started together. */
function PhoneListPanel(props: { id: string }): React.JSX.Element {
  const known = useAppStore(selectKnownPhones);
  const announce = useAppStore((state) => state.announce);
  const startLogin = useStartLogin();
  const textRef = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState('');
  const [starting, setStarting] = useState(false);
  const [refusals, setRefusals] = useState<readonly Refusal[]>([]);
  const textId = useId();
  const helpId = useId();
  const summaryId = useId();

  const entries = useMemo(() => classifyPhones(splitPhoneList(text), known), [text, known]);
  const ready = entries.filter((entry) => entry.status.kind === 'ready');
  const flagged = entries.filter((entry) => entry.status.kind !== 'ready');

  const start = async (): Promise<void> => {
    if (starting || ready.length === 0) return;
    setStarting(true);
    const outcomes = await mapWithLimit(ready, STARTS_AT_ONCE, async (entry) => ({
      entry,
      error: await startLogin(entry.phone),
    }));
    const refused = outcomes.flatMap(({ entry, error }) =>
      error === null ? [] : [{ phone: entry.phone, error }],
    );
    setRefusals(refused);
    // What is left to fix stays in the box: the invalid entries and the numbers main refused.
    setText(linesLeft(entries, refused).join('\n'));
    setStarting(false);
    const started = outcomes.length - refused.length;
    announce(
      `Started ${plural(started, 'login')}.` +
        (refused.length > 0 ? ` ${plural(refused.length, 'number')} did not start.` : ''),
    );
    textRef.current?.focus();
  };

  return (
    <div id={props.id} className="phone-list">
      <label htmlFor={textId}>Phone numbers, one per line</label>
      <p id={helpId} className="phone-hint">
        Paste numbers with their country codes, separated by new lines, commas or semicolons. Press
        Control+Enter to start.
      </p>
      <textarea
        ref={textRef}
        id={textId}
        rows={6}
        spellCheck={false}
        autoFocus
        value={text}
        aria-describedby={`${helpId} ${summaryId}`}
        onChange={(event) => {
          setText(event.target.value);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            void start();
          }
        }}
      />
      <p id={summaryId} className="phone-list-summary">
        {entries.length === 0
          ? 'No numbers yet.'
          : `${plural(ready.length, 'number')} ready to start` +
            (flagged.length > 0 ? `, ${flagged.length} will not be started (listed below).` : '.')}
      </p>
      {flagged.length > 0 ? (
        <ul className="phone-list-flagged" aria-label="Numbers that will not be started">
          {flagged.map((entry, index) => (
            <li key={`${String(index)}-${entry.text}`}>
              <span className="phone-list-number">{entry.text}</span> {describeEntryStatus(entry.status)}
            </li>
          ))}
        </ul>
      ) : null}
      <button
        type="button"
        className="primary"
        disabled={starting || ready.length === 0}
        onClick={() => {
          void start();
        }}
      >
        {starting ? `Starting ${plural(ready.length, 'login')}…` : `Start ${plural(ready.length, 'login')}`}
      </button>
      {refusals.length > 0 ? (
        <ul className="phone-list-refused" aria-label="Numbers that did not start">
          {refusals.map((refusal) => (
            <li key={refusal.phone}>
              <p role="alert">
                <span className="phone-list-number">{formatPhone(refusal.phone)}</span>{' '}
                {refusal.error.message}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function linesLeft(entries: readonly PhoneEntry[], refused: readonly Refusal[]): string[] {
  const refusedPhones = new Set(refused.map((refusal) => refusal.phone));
  return entries
    .filter(
      (entry) =>
        entry.status.kind === 'invalid' || (entry.status.kind === 'ready' && refusedPhones.has(entry.phone)),
    )
    .map((entry) => entry.text);
}

function plural(count: number, noun: string): string {
  return `${String(count)} ${noun}${count === 1 ? '' : 's'}`;
}
