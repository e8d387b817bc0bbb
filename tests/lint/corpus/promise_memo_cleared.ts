// OpenGraph images rendered by a headless browser; the promise is cached, by content.
import { createHash } from "node:crypto";

declare function renderCard(title: string, subtitle: string): Promise<Uint8Array>;

const pending = new Map<string, Promise<Uint8Array>>(); // expect: floe/no-module-mutable-state

export function ogImage(title: string, subtitle: string): Promise<Uint8Array> {
  const key = createHash("sha256").update(title).update("\u0000").update(subtitle).digest("hex");
  let promise = pending.get(key);
  if (!promise) {
    promise = renderCard(title, subtitle);
    pending.set(key, promise);
    promise.catch(() => pending.delete(key));
  }
  return promise;
}

export function onBuildStart(): void {
  pending.clear();
}
