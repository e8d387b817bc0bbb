/// <reference lib="deno.worker" />
// Error reporting inside a render worker: only event handlers are installed.
interface WorkerError {
  readonly type: "error";
  readonly message: string;
  readonly stack?: string;
}

function report(error: unknown): void {
  const message: WorkerError = {
    type: "error",
    message: error instanceof Error ? error.message : String(error),
    stack: error instanceof Error ? error.stack : undefined,
  };
  globalThis.postMessage(message);
}

globalThis.onerror = (event: ErrorEvent) => {
  report(event.error ?? event.message);
  event.preventDefault();
};

globalThis.addEventListener("unhandledrejection", (event: PromiseRejectionEvent) => {
  report(event.reason);
  event.preventDefault();
});

export function guarded<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R | undefined {
  return (...args) => {
    try {
      return fn(...args);
    } catch (error) {
      report(error);
      return undefined;
    }
  };
}
