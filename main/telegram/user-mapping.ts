import { Api } from 'telegram';
import type { TelegramUser } from '../contract/account.ts';

/**
 * Api.User → the app's TelegramUser. Telegram sends the phone as bare digits; the app writes phones as
 * "+" and digits everywhere. Anything but a full User (UserEmpty) is not a usable answer: null.
 */
// Absent optional TL fields are null at run time (GramJS's typings say undefined), hence `== null` / `??`.
export function telegramUserOf(user: Api.TypeUser | undefined): TelegramUser | null {
  if (!(user instanceof Api.User)) return null;
  return {
    userId: user.id.toString(),
    phone: user.phone == null || user.phone === '' ? '' : `+${user.phone.replace(/^\+/, '')}`,
    firstName: user.firstName ?? '',
    lastName: user.lastName ?? '',
    username: user.username ?? null,
  };
}
