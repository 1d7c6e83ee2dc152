/**
 * The host's side of the channel to main: Electron's utility process has process.parentPort, a Node child
 * has process.send. Messages are unchecked here; the host validates what it receives.
 */
export interface ParentPort<Response> {
  send(message: Response): void;
  onMessage(listener: (message: unknown) => void): void;
}

interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

export function parentPort<Response>(role: string): ParentPort<Response> {
  const electron = (process as { parentPort?: ElectronParentPort }).parentPort;
  if (electron !== undefined) {
    return {
      send: (message) => {
        electron.postMessage(message);
      },
      onMessage: (listener) => {
        electron.on('message', (event) => {
          listener(event.data);
        });
      },
    };
  }
  const send = process.send?.bind(process);
  if (send === undefined) throw new Error(`the ${role} runs as a child of main only`);
  // A Node child whose parent died has nobody to answer: it ends too (Electron ends utility processes itself).
  process.on('disconnect', () => {
    process.exit(0);
  });
  return {
    send: (message) => {
      send(message);
    },
    onMessage: (listener) => {
      process.on('message', listener);
    },
  };
}
