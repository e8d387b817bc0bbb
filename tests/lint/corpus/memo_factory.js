// Memoisation helpers whose caches belong to the caller (JavaScript).
export function memoizeLast(fn) {
  let lastArg;
  let lastResult;
  let has = false;
  return (arg) => {
    if (has && arg === lastArg) return lastResult;
    lastArg = arg;
    lastResult = fn(arg);
    has = true;
    return lastResult;
  };
}

export function memoizeBounded(fn, limit = 100) {
  const cache = new Map();
  return (key) => {
    if (cache.has(key)) return cache.get(key);
    const value = fn(key);
    if (cache.size >= limit) cache.delete(cache.keys().next().value);
    cache.set(key, value);
    return value;
  };
}

export function once(fn) {
  let done = false;
  let result;
  return (...args) => {
    if (!done) {
      result = fn(...args);
      done = true;
    }
    return result;
  };
}
