import { Api, errors } from 'telegram';
import { describe, expect, it } from 'vitest';
import { AppFailure, appError, type AppError } from '../../main/contract/errors.ts';
import { NonErrorRejection, toAppFailure } from '../../main/telegram/error-mapping.ts';

/**
 * The mapping on errors made by GramJS's own converter (RPCMessageToError), for the cases the sandbox
 * flows cannot produce: migrations GramJS refused to follow, socket errors, and bugs.
 */

const NOW = 1_700_000_000_000;
const request = new Api.auth.SendCode({
  phoneNumber: '15550000000',
  apiId: 1,
  apiHash: 'x',
  settings: new Api.CodeSettings({}),
});

function gramError(code: number, message: string): unknown {
  return errors.RPCMessageToError(new Api.RpcError({ errorCode: code, errorMessage: message }), request);
}

function mapped(error: unknown, unexpected: unknown[] = []): AppError {
  return toAppFailure(error, { now: () => NOW, reportUnexpected: (e) => unexpected.push(e) }).error;
}

describe('toAppFailure', () => {
  it('reads GramJS’s classes first: their errorMessage is not Telegram’s name', () => {
    const flood = gramError(420, 'FLOOD_WAIT_42');
    expect(flood).toBeInstanceOf(errors.FloodWaitError);
    expect(mapped(flood)).toEqual(appError('FLOOD_WAIT', { retryAt: NOW + 42_000 }));
    expect(mapped(gramError(420, 'FLOOD_PREMIUM_WAIT_7'))).toMatchObject({
      code: 'FLOOD_WAIT',
      retryAt: NOW + 7_000,
    });
    expect(mapped(gramError(303, 'PHONE_MIGRATE_4'))).toMatchObject({
      code: 'TELEGRAM_ERROR',
      rpcMessage: 'PHONE_MIGRATE_4',
    });
    expect(mapped(gramError(303, 'USER_MIGRATE_2'))).toMatchObject({ rpcMessage: 'USER_MIGRATE_2' });
    expect(mapped(gramError(400, 'EMAIL_UNCONFIRMED_6'))).toMatchObject({ rpcMessage: 'EMAIL_UNCONFIRMED' });
  });

  it('matches plain RPC errors by errorMessage, never by the English message', () => {
    const misleading = new errors.RPCError('PHONE_CODE_INVALID', request, 400);
    misleading.errorMessage = 'SOMETHING_ELSE';
    expect(mapped(misleading)).toMatchObject({ code: 'TELEGRAM_ERROR', rpcMessage: 'SOMETHING_ELSE' });
    expect(mapped(gramError(500, 'AUTH_RESTART_3'))).toMatchObject({ code: 'AUTH_RESTART' });
    expect(mapped(gramError(401, 'AUTH_KEY_UNREGISTERED'))).toMatchObject({ code: 'SIGNED_OUT' });
  });

  it('never passes on a name that is not an upper-case identifier', () => {
    expect(mapped(new errors.RPCError('code 12345 for you', request, 400))).toMatchObject({
      code: 'TELEGRAM_ERROR',
      rpcMessage: 'UNKNOWN',
    });
  });

  it('NETWORK_UNAVAILABLE for socket errors and GramJS’s "gave up reconnecting" string', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(mapped(refused)).toMatchObject({ code: 'NETWORK_UNAVAILABLE' });
    expect(mapped(new NonErrorRejection('Maximum reconnection retries reached. Aborting!'))).toMatchObject({
      code: 'NETWORK_UNAVAILABLE',
    });
  });

  it('INTERNAL for anything unexpected, which is reported; AppFailures pass through', () => {
    const unexpected: unknown[] = [];
    const bug = new TypeError('x is undefined');
    expect(mapped(bug, unexpected)).toMatchObject({ code: 'INTERNAL' });
    expect(unexpected).toEqual([bug]);
    const failure = new AppFailure(appError('TIMEOUT'));
    expect(toAppFailure(failure, { now: () => NOW, reportUnexpected: () => undefined })).toBe(failure);
  });
});
