// A greedy shrinker for plain data (JSON-like values): what remains of a failing case once every
// array element and object key that the failure does not need is gone. Test-only.

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Every value one deletion smaller than `value`: an array element or an object key, at any depth; outermost first. */
function* oneSmaller(value: unknown): Generator<unknown> {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield [...value.slice(0, i), ...value.slice(i + 1)];
    for (let i = 0; i < value.length; i++)
      for (const s of oneSmaller(value[i])) yield value.map((v, j) => (j === i ? s : v));
  } else if (isRecord(value)) {
    const keys = Object.keys(value);
    for (const key of keys) {
      const { [key]: _dropped, ...rest } = value;
      yield rest;
    }
    for (const key of keys) for (const s of oneSmaller(value[key])) yield { ...value, [key]: s };
  }
}

/**
 * Deletes parts of `value` one at a time, keeping each deletion after which `fails` still holds,
 * until no single deletion keeps it (or `maxTries` candidates have been tried). A candidate for
 * which `fails` throws (a policy the API server would refuse) does not fail.
 */
export function shrink<T>(value: T, fails: (candidate: T) => boolean, maxTries = 5000): T {
  let current = value;
  let tries = 0;
  const stillFails = (candidate: T): boolean => {
    try {
      return fails(candidate);
    } catch {
      return false;
    }
  };
  for (;;) {
    let smaller: T | undefined;
    for (const candidate of oneSmaller(current)) {
      if (++tries > maxTries) return current;
      if (stillFails(candidate as T)) {
        smaller = candidate as T;
        break;
      }
    }
    if (smaller === undefined) return current;
    current = smaller;
  }
}
