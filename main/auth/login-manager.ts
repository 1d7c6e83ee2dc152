import { randomUUID } from 'node:crypto';
import { AppFailure, appError } from '../contract/errors.ts';
import type { LoginCard } from '../contract/login-state.ts';
import { LoginFlow, type LoginFlowDeps } from './login-flow.ts';
import type { LoginRequest } from './login-request.ts';

export interface LoginManagerDeps extends Omit<LoginFlowDeps, 'onChange'> {
  /** Whether a signed-in account already uses this phone number. */
  readonly isSignedIn: (phone: string) => boolean;
  readonly onChange: (card: LoginCard) => void;
  readonly onRemoved: (loginId: string) => void;
}

/**
 * The board's logins, many side by side, each at its own step. Refuses a second login for a phone that
 * already has one running or is already signed in.
 */
export class LoginManager {
  private readonly flows = new Map<string, LoginFlow>();

  constructor(private readonly deps: LoginManagerDeps) {}

  /**
   * Puts a card on the board and starts sending its code. Returns the card at once (step sendingCode);
   * what Telegram answers arrives as changes.
   */
  start(phone: string): LoginCard {
    this.refuseDuplicate(phone, null);
    const flow = new LoginFlow(randomUUID(), phone, this.deps.now(), this.deps);
    this.flows.set(flow.id, flow);
    this.deps.onChange(flow.card);
    // Failures become the card's state; nothing to report here.
    flow.begin().catch(() => undefined);
    return flow.card;
  }

  list(): LoginCard[] {
    return [...this.flows.values()].map((flow) => flow.card);
  }

  get(loginId: string): LoginCard {
    return this.flow(loginId).card;
  }

  perform(loginId: string, request: LoginRequest): Promise<LoginCard> {
    const flow = this.flow(loginId);
    if (request.type === 'retry') this.refuseDuplicate(flow.phone, flow);
    return flow.perform(request);
  }

  /** Removes a card; a login still running is cancelled first (its code too). */
  async dismiss(loginId: string): Promise<void> {
    const flow = this.flow(loginId);
    if (!flow.finished) await flow.perform({ type: 'cancel' }).catch(() => undefined);
    await flow.dispose();
    this.flows.delete(loginId);
    this.deps.onRemoved(loginId);
  }

  /** Destroys every login client and takes the cards off the board (closing, or another server profile). */
  async shutdown(): Promise<void> {
    const flows = [...this.flows.values()];
    this.flows.clear();
    await Promise.all(flows.map((flow) => flow.dispose()));
    for (const flow of flows) this.deps.onRemoved(flow.id);
  }

  /** One running login per phone, and none for a phone that is signed in. */
  private refuseDuplicate(phone: string, except: LoginFlow | null): void {
    if (this.deps.isSignedIn(phone)) throw new AppFailure(appError('ALREADY_SIGNED_IN'));
    for (const flow of this.flows.values()) {
      if (flow !== except && flow.phone === phone && !flow.finished) {
        throw new AppFailure(appError('LOGIN_IN_PROGRESS'));
      }
    }
  }

  private flow(loginId: string): LoginFlow {
    const flow = this.flows.get(loginId);
    if (!flow) throw new AppFailure(appError('NOT_FOUND'));
    return flow;
  }
}
