// An old plugin written before floe had workers (plain JavaScript).
var pageCount = 0; // expect: floe/no-module-mutable-state
var lastUrl; // expect: floe/no-module-mutable-state
var timings = []; // expect: floe/no-module-mutable-state

function now() {
  return performance.now();
}

export function beforeRender(page) {
  pageCount += 1;
  lastUrl = page.url;
  return now();
}

export function afterRender(page, started) {
  timings.push({ url: page.url, ms: now() - started });
}

export function report() {
  var slowest = timings.slice().sort(function (a, b) {
    return b.ms - a.ms;
  })[0];
  return {
    pages: pageCount,
    last: lastUrl,
    slowest: slowest ? slowest.url : null,
  };
}
