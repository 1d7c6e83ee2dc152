import type { HandshakeStep } from './mtproto/handshake.ts';

/** Which calls a scripted fault applies to. Every field left out matches anything. */
export interface FaultMatch {
  /** An API method, as GramJS names its class (`auth.SendCode`) or as the TL schema does (`auth.sendCode`). */
  readonly method?: string;
  /** The phone number a request carries (`phone_number`), in any formatting. */
  readonly phone?: string;
  readonly dc?: number;
  /** How many matching calls it affects; default 1. */
  readonly times?: number;
}

/** What happens to a matched call. `delayMs` may be combined with any of the others. */
export type FaultEffect =
  | { readonly error: { readonly code: number; readonly message: string }; readonly delayMs?: number }
  | { readonly drop: true; readonly delayMs?: number }
  | { readonly forgetAuthKey: true; readonly delayMs?: number }
  | { readonly delayMs: number };

export type RpcFault = FaultMatch & FaultEffect;

export interface HandshakeFault {
  readonly dc?: number;
  /** The step at which the server drops the connection instead of answering; default `req_DH_params`. */
  readonly step?: HandshakeStep;
  readonly times?: number;
}

export interface RpcFaultQuery {
  readonly method: string;
  readonly phone: string | undefined;
  readonly dc: number;
}

interface Armed<T> {
  readonly rule: T;
  remaining: number;
}

export function phoneDigits(phone: string): string {
  return phone.replace(/\D/g, '');
}

/**
 * Faults scripted by tests (and by the demo's fault panel): the next N calls that match fail in the way
 * asked. Rules are consumed in the order they were added.
 */
export class FaultPlan {
  private rpc: Armed<RpcFault>[] = [];
  private handshake: Armed<HandshakeFault>[] = [];

  inject(fault: RpcFault): void {
    this.rpc.push({ rule: fault, remaining: fault.times ?? 1 });
  }

  failHandshake(fault: HandshakeFault = {}): void {
    this.handshake.push({ rule: fault, remaining: fault.times ?? 1 });
  }

  clear(): void {
    this.rpc = [];
    this.handshake = [];
  }

  get pending(): number {
    return this.rpc.length + this.handshake.length;
  }

  takeRpc(query: RpcFaultQuery): FaultEffect | undefined {
    const armed = this.rpc.find(({ rule }) => matchesRpc(rule, query));
    if (!armed) return undefined;
    armed.remaining--;
    if (armed.remaining <= 0) this.rpc = this.rpc.filter((a) => a !== armed);
    return armed.rule;
  }

  takeHandshake(dc: number, step: HandshakeStep): boolean {
    const armed = this.handshake.find(
      ({ rule }) => (rule.dc === undefined || rule.dc === dc) && (rule.step ?? 'req_DH_params') === step,
    );
    if (!armed) return false;
    armed.remaining--;
    if (armed.remaining <= 0) this.handshake = this.handshake.filter((a) => a !== armed);
    return true;
  }
}

function matchesRpc(rule: FaultMatch, query: RpcFaultQuery): boolean {
  if (rule.dc !== undefined && rule.dc !== query.dc) return false;
  if (rule.method !== undefined && rule.method.toLowerCase() !== query.method.toLowerCase()) return false;
  if (rule.phone !== undefined) {
    if (query.phone === undefined || phoneDigits(rule.phone) !== phoneDigits(query.phone)) return false;
  }
  return true;
}
