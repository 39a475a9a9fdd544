-- Fixed-window request counters for the per-client rate limit on POST /api/checkout (src/rate-limit.ts).
-- `client` is a hash of the client's address (never the address itself); rows of past windows are deleted as
-- new requests come in.
CREATE TABLE rate_limits (
  client TEXT NOT NULL,
  window_start INTEGER NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (client, window_start)
) WITHOUT ROWID;
CREATE INDEX rate_limits_window ON rate_limits (window_start);
