import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../main/sandbox/index.ts';
import type { AccountClient, ConnectionState, SessionSecret } from '../../main/telegram/gateway.ts';
import { HandshakeGate } from '../../main/telegram/handshake-gate.ts';
import { TurnPacer } from '../../main/telegram/gramjs/reconnect-pacing.ts';
import { codeSent, GatewayHarness, lastCode } from './harness.ts';
import { waitFor } from '../support/wait-for.ts';

/**
 * Many accounts losing their connections at once (the server drops every socket): GramJS reconnects each
 * by itself, and every one of those dials goes through the process's dial gate, a few at a time.
 */

const ACCOUNTS = 30;
const DIALS_AT_ONCE = 4;
const phoneOf = (i: number): string => `+1555002${String(i).padStart(4, '0')}`;

/** A dial gate that also records what went through it since `mark()`. */
class RecordingGate extends HandshakeGate {
  dials = 0;
  mostAtOnce = 0;
  mostWaiting = 0;
  private inside = 0;

  mark(): void {
    this.dials = 0;
    this.mostAtOnce = 0;
    this.mostWaiting = 0;
  }

  override run<T>(work: () => Promise<T>): Promise<T> {
    this.mostWaiting = Math.max(this.mostWaiting, this.queued + 1);
    return super.run(async () => {
      this.dials++;
      this.inside++;
      this.mostAtOnce = Math.max(this.mostAtOnce, this.inside);
      try {
        return await work();
      } finally {
        this.inside--;
      }
    });
  }
}

describe('a reconnect storm', () => {
  let sandbox: Sandbox;
  let harness: GatewayHarness;
  beforeAll(async () => {
    const accounts = Array.from({ length: ACCOUNTS }, (_, i) => ({
      phone: phoneOf(i),
      firstName: `User${String(i)}`,
    }));
    sandbox = await startSandbox({ dcIds: [2], world: { accounts } });
    harness = new GatewayHarness(sandbox);
  });
  afterEach(async () => {
    await harness.destroyAll();
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('brings every account back after the server drops all connections, never dialling more than the gate allows', async () => {
    const gate = new RecordingGate(DIALS_AT_ONCE);
    const gateway = harness.gateway({ dialGate: gate });
    const secrets: SessionSecret[] = await Promise.all(
      Array.from({ length: ACCOUNTS }, async (_, i) => {
        const login = await harness.login(gateway, `login ${String(i)}`);
        const sent = codeSent(await login.sendCode(phoneOf(i), []));
        await login.signIn(phoneOf(i), sent.phoneCodeHash, lastCode(sandbox, phoneOf(i)));
        const secret = await login.exportSession();
        await login.destroy();
        return secret;
      }),
    );
    const accounts: AccountClient[] = secrets.map((secret, i) =>
      harness.track(gateway.openAccount(secret, `account ${String(i)}`)),
    );
    const states = accounts.map(() => [] as ConnectionState[]);
    accounts.forEach((account, i) => {
      account.onConnectionState((state) => states[i]?.push(state));
    });
    await Promise.all(accounts.map((account) => account.connect()));
    expect(states.every((seen) => seen.at(-1) === 'online')).toBe(true);

    gate.mark();
    expect(sandbox.dropAllConnections()).toBeGreaterThanOrEqual(ACCOUNTS);
    await waitFor(() => states.every((seen) => seen.length >= 4 && seen.at(-1) === 'online'), 30_000);

    for (const seen of states) expect(seen).toEqual(['connecting', 'online', 'connecting', 'online']);
    // Every reconnect dialled through the gate: they queued there, and no more than its width ran at once.
    expect(gate.dials).toBe(ACCOUNTS);
    expect(gate.mostAtOnce).toBeLessThanOrEqual(DIALS_AT_ONCE);
    expect(gate.mostWaiting).toBeGreaterThan(DIALS_AT_ONCE);
    expect(gate.peak).toBeLessThanOrEqual(DIALS_AT_ONCE);
    // And each session works again.
    const selves = await Promise.all(accounts.map((account) => account.getSelf()));
    expect(selves.map((self) => self.firstName)).toEqual(secrets.map((_, i) => `User${String(i)}`));
  });
});

describe('the reconnect pacer', () => {
  it('lets through a few per turn of the event loop, in order, until every caller has passed', async () => {
    const pacer = new TurnPacer(3);
    let turn = 0;
    let counting = true;
    const tick = (): void => {
      turn++;
      if (counting) setImmediate(tick);
    };
    setImmediate(tick);
    const passed: { caller: number; turn: number }[] = [];
    await Promise.all(
      Array.from({ length: 10 }, async (_, caller) => {
        await pacer.turn();
        passed.push({ caller, turn });
      }),
    );
    counting = false;
    expect(passed.map((p) => p.caller)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const perTurn = new Map<number, number>();
    for (const p of passed) perTurn.set(p.turn, (perTurn.get(p.turn) ?? 0) + 1);
    expect([...perTurn.values()]).toEqual([3, 3, 3, 1]);
  });
});
