import { useId } from 'react';
import { useAppStore } from '../store/store-context.tsx';
import { badgeText } from './profile-labels.ts';
import './settings.css';

/** Shown in the header whenever the app is not talking to production Telegram, so nobody mistakes it. */
export function ProfileBadge(): React.JSX.Element | null {
  const profile = useAppStore((state) => state.settings?.serverProfile ?? null);
  const descriptionId = useId();
  const text = profile === null ? null : badgeText(profile);
  if (text === null) return null;
  return (
    <p className="profile-badge" aria-describedby={descriptionId}>
      {text}
      <span id={descriptionId} className="visually-hidden">
        Not production Telegram: accounts and logins here are separate from real Telegram.
      </span>
    </p>
  );
}
