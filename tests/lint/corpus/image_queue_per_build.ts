// A concurrency-limited job queue; each build creates its own.
export class JobQueue {
  readonly #waiting: Array<() => void> = [];
  #running = 0;
  #done = 0;

  constructor(private readonly concurrency = 2) {}

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.#running >= this.concurrency) {
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    }
    this.#running++;
    try {
      return await job();
    } finally {
      this.#running--;
      this.#done++;
      this.#waiting.shift()?.();
    }
  }

  get completed(): number {
    return this.#done;
  }
}

export async function resizeAll(
  paths: readonly string[],
  resize: (path: string) => Promise<void>,
  concurrency = navigator.hardwareConcurrency,
): Promise<number> {
  const queue = new JobQueue(concurrency);
  await Promise.all(paths.map((p) => queue.run(() => resize(p))));
  return queue.completed;
}
