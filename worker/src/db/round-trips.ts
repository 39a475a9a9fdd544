/**
 * Counts the D1 round trips a request makes: every statement run on its own (`first`, `all`, `run`, `raw`)
 * and every `batch` (of the database or of a read-replica session) is one trip to the database. Used by the
 * tests and, when `D1_ROUND_TRIPS=header`, by the benchmark (an `X-D1-Round-Trips` answer header).
 * @module
 */

type Statement = D1PreparedStatement & { raw?: (...args: unknown[]) => Promise<unknown> };

/** A D1 binding that counts its round trips. */
export interface CountedDatabase {
  readonly db: D1Database;
  /** Round trips since the wrapper was made. */
  readonly count: () => number;
}

/**
 * Wraps a D1 binding (and its read-replica sessions) so that each round trip is counted.
 *
 * @example
 * const counted = countRoundTrips(env.DB);
 * await app.request("/api/quote", init, { ...env, DB: counted.db });
 * counted.count(); // 1
 */
export function countRoundTrips(db: D1Database): CountedDatabase {
  let trips = 0;
  const real = new WeakMap<object, D1PreparedStatement>();

  function wrap(statement: Statement): D1PreparedStatement {
    const proxy = new Proxy(statement, {
      get(target, name) {
        if (name === "bind")
          return (...values: unknown[]) => wrap(target.bind(...values) as Statement);
        if (name === "first" || name === "all" || name === "run" || name === "raw") {
          return (...args: unknown[]) => {
            trips++;
            return (target[name] as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        const value = Reflect.get(target, name, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    real.set(proxy, statement);
    return proxy;
  }

  function reader<T extends { prepare(query: string): D1PreparedStatement }>(source: T) {
    return (query: string) => wrap(source.prepare(query) as Statement);
  }

  function batch(source: Pick<D1Database, "batch">) {
    return (statements: D1PreparedStatement[]) => {
      trips++;
      return source.batch(statements.map((s) => real.get(s) ?? s));
    };
  }

  const counted = new Proxy(db, {
    get(target, name) {
      if (name === "prepare") return reader(target);
      if (name === "batch") return batch(target);
      if (name === "withSession") {
        return (...args: Parameters<D1Database["withSession"]>) => {
          const session = target.withSession(...args);
          return new Proxy(session, {
            get(inner, key) {
              if (key === "prepare") return reader(inner);
              if (key === "batch") return batch(inner);
              const value = Reflect.get(inner, key, inner);
              return typeof value === "function" ? value.bind(inner) : value;
            },
          });
        };
      }
      const value = Reflect.get(target, name, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { db: counted, count: () => trips };
}
