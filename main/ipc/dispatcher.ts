import type { z } from 'zod';
import { AppFailure, appError, ErrorCodeSchema, type AppError, type Result } from '../contract/errors.ts';
import { INVOKE_CHANNELS, isInvokeChannel, type InvokeChannel } from '../contract/channels.ts';
import { contract, type ChannelOutput, type ParsedInput } from '../contract/ipc-contract.ts';
import type { IpcDispatcher, SenderInfo } from '../contract/transport-types.ts';
import type { Logger } from '../logging/log.ts';

/** One implementation per channel, given validated input. May throw AppFailure; never returns secrets. */
export type IpcHandlers = {
  readonly [C in InvokeChannel]: (input: ParsedInput<C>) => Promise<ChannelOutput<C>> | ChannelOutput<C>;
};

export interface DispatcherOptions {
  /** Origins whose top-level frame may call (the app protocol; the dev server in development). */
  readonly trustedOrigins: readonly string[];
  readonly log: Logger;
}

/**
 * Every IPC request goes through here, whatever carried it (Electron's ipcMain or the harness's WebSocket):
 * the sender is checked, the input validated, the handler run, the output validated, and a Result with a
 * typed error code returned. Nothing is thrown to the transport.
 */
export function createDispatcher(handlers: IpcHandlers, options: DispatcherOptions): IpcDispatcher {
  const trusted = new Set(options.trustedOrigins);
  return {
    channels: INVOKE_CHANNELS,
    async dispatch(channel: string, payload: unknown, sender: SenderInfo): Promise<Result<unknown>> {
      if (!isTrustedSender(sender, trusted)) {
        options.log('warn', `IPC refused from an untrusted sender on ${describeChannel(channel)}`);
        return { ok: false, error: appError('FORBIDDEN_SENDER') };
      }
      if (!isInvokeChannel(channel)) return { ok: false, error: appError('BAD_INPUT') };
      return run(channel, payload, handlers, options);
    },
  };
}

async function run(
  channel: InvokeChannel,
  payload: unknown,
  handlers: IpcHandlers,
  options: DispatcherOptions,
): Promise<Result<unknown>> {
  const schemas: { readonly input: z.ZodType; readonly output: z.ZodType } = contract[channel];
  // IpcHandlers ties each handler to its channel's types; here the input was just parsed by that channel's schema.
  const handler = handlers[channel] as (input: unknown) => unknown;
  let input: ReturnType<typeof schemas.input.safeParse>;
  try {
    input = schemas.input.safeParse(payload);
  } catch {
    // A payload whose getters or proxy traps throw while being read: not something IPC's structured
    // clone or JSON can deliver, but refused like any other malformed payload rather than thrown.
    return { ok: false, error: appError('BAD_INPUT') };
  }
  if (!input.success) {
    // A well-formed request whose typed fields break their rules gets the error code the contract names
    // for them (userError: FIRSTNAME_INVALID...); anything malformed is a plain BAD_INPUT. zod's own words
    // go to the log only: they name fields and rules, never values.
    const issues = input.error.issues;
    const where = issues.map((issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`);
    options.log('warn', `IPC ${channel} refused its input: ${where.join('; ')}`);
    const codes = issues.map((issue) => ErrorCodeSchema.safeParse(issue.message));
    const first = codes[0];
    const typed = first?.success === true && codes.every((code) => code.success) ? first.data : 'BAD_INPUT';
    return { ok: false, error: appError(typed) };
  }
  let value: unknown;
  try {
    value = await handler(input.data);
  } catch (error) {
    return { ok: false, error: toAppError(error, channel, options) };
  }
  const output = schemas.output.safeParse(value);
  if (!output.success) {
    options.log('error', `IPC ${channel} produced an answer outside its contract`);
    return { ok: false, error: appError('INTERNAL') };
  }
  return { ok: true, value: output.data };
}

function isTrustedSender(sender: SenderInfo, trusted: ReadonlySet<string>): boolean {
  if (!sender.isAppWindow || !sender.isMainFrame) return false;
  let origin: string;
  try {
    const url = new URL(sender.frameUrl);
    // Custom schemes have an opaque origin ("null") in WHATWG URLs; compare scheme and host instead.
    origin = `${url.protocol}//${url.host}`;
  } catch {
    return false;
  }
  return trusted.has(origin);
}

function toAppError(error: unknown, channel: string, options: DispatcherOptions): AppError {
  if (error instanceof AppFailure) return error.error;
  options.log('error', `IPC ${channel} failed: ${error instanceof Error ? error.name : 'unknown error'}`);
  return appError('INTERNAL');
}

function describeChannel(channel: string): string {
  return isInvokeChannel(channel) ? channel : 'an unknown channel';
}
