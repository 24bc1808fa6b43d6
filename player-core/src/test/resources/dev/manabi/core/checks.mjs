// The tally every browser-script test shares; NodeScripts hands its location to the scripts in MANABI_CHECKS and
// checks the line done() prints.
let failures = 0;
let checks = 0;

export function expect(label, actual, expected) {
  checks += 1;
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    failures += 1;
    console.log(`FAIL ${label}: expected ${JSON.stringify(expected)} but was ${JSON.stringify(actual)}`);
  }
}

export function done() {
  console.log(`${checks} checks, ${failures} failures`);
  process.exit(failures ? 1 : 0);
}
