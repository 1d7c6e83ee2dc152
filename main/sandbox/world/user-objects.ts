import bigInt from 'big-integer';
import { Api } from 'telegram';
import { accessHashOf, SERVICE_USER_ID, type Account } from './accounts.ts';

/** A bigint as GramJS's `long` fields want it. */
export function toLong(value: bigint): bigInt.BigInteger {
  return bigInt(value.toString());
}

/** A GramJS `long` (or a number) back to a bigint. */
export function fromLong(value: bigInt.BigInteger | number | bigint): bigint {
  return BigInt(value.toString());
}

/** The TL User of an account, as the account itself (`self`) or as others see it. */
export function userObject(account: Account, self: boolean): Api.User {
  return new Api.User({
    self,
    id: toLong(account.id),
    accessHash: toLong(account.accessHash),
    firstName: account.firstName,
    ...(account.lastName !== '' ? { lastName: account.lastName } : {}),
    ...(account.username !== undefined ? { username: account.username } : {}),
    ...(self ? { phone: account.phone } : {}),
    status: new Api.UserStatusRecently({}),
  });
}

/** User 777000, "Telegram": the sender of login codes and service notifications. */
export function serviceUserObject(): Api.User {
  return new Api.User({
    id: toLong(SERVICE_USER_ID),
    accessHash: toLong(accessHashOf(SERVICE_USER_ID)),
    firstName: 'Telegram',
    phone: '42777',
    verified: true,
    support: true,
    status: new Api.UserStatusRecently({}),
  });
}
