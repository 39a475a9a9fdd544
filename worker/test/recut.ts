/**
 * Every way of re-cutting a sealed string into a Retour notification's fields, written from PROTOCOL.md
 * (§4.3, §7.1) independently of the library: if one of them is a notification the worker accepts, the
 * worker's seal of that string was a seal of a notification.
 */

/** The v3 notification's positional fields after `TPE, date, montant, reference, texte-libre, 3.0`. */
const V3_TAIL = [
  "code-retour",
  "cvx",
  "vld",
  "brand",
  "status3ds",
  "numauto",
  "motifrefus",
  "originecb",
  "bincb",
  "hpancb",
  "ipclient",
  "originetr",
  "veres",
  "pares",
];
const V3_HEAD = ["TPE", "date", "montant", "reference", "texte-libre"];

function stars(text: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf("*"); i >= 0; i = text.indexOf("*", i + 1)) out.push(i);
  return out;
}

/**
 * v3: the notification string is 20 values, each followed by `*`, the sixth being `3.0`. Yields every field
 * set whose string is `sealed` (values may contain `*`), at most `limit` of them.
 */
export function* v3Recuts(sealed: string, limit = 5_000): Generator<Record<string, string>> {
  if (!sealed.endsWith("*")) return;
  const cuts = stars(sealed).slice(0, -1); // the last * ends the last value
  const names = [...V3_HEAD, "version", ...V3_TAIL];
  let yielded = 0;
  const chosen: number[] = [];
  function* choose(from: number): Generator<Record<string, string>> {
    if (yielded >= limit) return;
    if (chosen.length === names.length - 1) {
      const bounds = [-1, ...chosen, sealed.length - 1];
      const values = names.map((_, i) => sealed.slice((bounds[i] ?? 0) + 1, bounds[i + 1]));
      if (values[5] !== "3.0") return;
      yielded++;
      const fields: Record<string, string> = {};
      names.forEach((name, i) => {
        if (name !== "version") fields[name] = values[i] ?? "";
      });
      yield fields;
      return;
    }
    for (let i = from; i < cuts.length; i++) {
      chosen.push(cuts[i] ?? 0);
      yield* choose(i + 1);
      chosen.pop();
    }
  }
  yield* choose(0);
}

/**
 * v4: the notification string is its fields sorted by name, `name=value`, joined by `*`. Yields every field
 * set whose string is `sealed` and that has a field named `required` (every notification has `code-retour`,
 * PROTOCOL.md §4.2, §7.4): pieces cut at some of the `*`, each `name=value` with a non-empty name up to its
 * first `=`, names strictly increasing in byte order, never `MAC`. Names only grow, so a cut set that has
 * passed `required` without it is abandoned at once.
 */
export function* v4Recuts(
  sealed: string,
  required = "code-retour",
): Generator<Record<string, string>> {
  const cuts = [...stars(sealed), sealed.length];
  function* extend(
    start: number,
    previous: string,
    fields: Record<string, string>,
  ): Generator<Record<string, string>> {
    for (const end of cuts) {
      if (end < start) continue;
      const piece = sealed.slice(start, end);
      const eq = piece.indexOf("=");
      if (eq <= 0) continue;
      const name = piece.slice(0, eq);
      if (name === "MAC" || name <= previous) continue;
      if (name > required && !(required in fields) && name !== required) continue;
      const next = { ...fields, [name]: piece.slice(eq + 1) };
      if (end === sealed.length) {
        if (required in next) yield next;
      } else yield* extend(end + 1, name, next);
    }
  }
  yield* extend(0, "", {});
}

/** v4: the field sets of one cut at a random subset of the `*` (those whose names come out sorted). */
export function v4RandomRecut(sealed: string, random: () => number): Record<string, string> | null {
  const fields: Record<string, string> = {};
  let previous = "";
  let piece = "";
  const parts = sealed.split("*");
  parts.forEach((part, i) => {
    piece = piece === "" ? part : `${piece}*${part}`;
    if (i < parts.length - 1 && random() < 0.5) return;
    const eq = piece.indexOf("=");
    const name = piece.slice(0, eq);
    if (eq > 0 && name > previous && name !== "MAC") fields[name] = piece.slice(eq + 1);
    else fields[""] = "";
    previous = name;
    piece = "";
  });
  return "" in fields ? null : fields;
}
