import type { Clock } from '../clock.ts';
import type { SandboxTopology } from './topology.ts';

export interface WorldOptions {
  readonly topology: SandboxTopology;
  readonly clock: Clock;
}

/** The sandbox's users, their logins and codes. */
export class SandboxWorld {
  readonly clock: Clock;
  readonly topology: SandboxTopology;

  constructor(options: WorldOptions) {
    this.clock = options.clock;
    this.topology = options.topology;
  }
}
