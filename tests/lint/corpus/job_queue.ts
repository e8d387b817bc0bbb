// Deferred post-processing jobs (minify, compress) queued by filters.
interface Job {
  readonly path: string;
  readonly priority: number;
  readonly run: () => Promise<void>;
}

const queue: Job[] = []; // expect: floe/no-module-mutable-state
const pendingByPath: Record<string, number> = {}; // expect: floe/no-module-mutable-state

export function enqueue(job: Job): void {
  queue.push(job);
  queue.sort((a, b) => b.priority - a.priority);
  pendingByPath[job.path] = (pendingByPath[job.path] ?? 0) + 1;
}

export async function drain(limit = Infinity): Promise<number> {
  const batch = queue.splice(0, Math.min(limit, queue.length));
  for (const job of batch) {
    await job.run();
    if (--pendingByPath[job.path] === 0) delete pendingByPath[job.path];
  }
  return batch.length;
}

export function isPending(path: string): boolean {
  return (pendingByPath[path] ?? 0) > 0;
}
