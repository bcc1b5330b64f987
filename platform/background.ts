// Work that a request starts but does not wait for. Its answer must not depend on that work,
// neither in content nor in time: a password-reset request must look the same whether or not
// the address has an account, and a slow or broken mail server must not hold a citizen's page.
// Failures are reported to `onError`; nothing here ever rejects into a request.

export type BackgroundTasks = {
  /**
   * Starts `task` on the event loop's next turn, once the answer being built has been handed to
   * the socket (pages are rendered and compressed synchronously); `what` names it in errors.
   */
  run(what: string, task: () => Promise<unknown>): void;
  /** Resolves once every task started so far (and any they started) has ended. */
  idle(): Promise<void>;
};

export function createBackgroundTasks(onError: (what: string, err: unknown) => void): BackgroundTasks {
  const pending = new Set<Promise<void>>();
  return {
    run(what, task) {
      const running: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
        .then(task)
        .then(
          () => undefined,
          (err: unknown) => onError(what, err),
        )
        .finally(() => pending.delete(running));
      pending.add(running);
    },
    async idle() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}
