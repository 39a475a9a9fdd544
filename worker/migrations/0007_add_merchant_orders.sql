-- Orders the merchant creates (src/merchant-orders.ts): phone and mail orders, whose card the merchant keys on
-- the bank's page, and payment links the buyer opens at /pay/<reference>. Shop orders keep channel 'shop'.
ALTER TABLE orders ADD COLUMN channel TEXT NOT NULL DEFAULT 'shop' CHECK (channel IN ('shop', 'phone', 'link'));
-- Who at the merchant's took the order (as typed in the console), and what a free amount pays for.
ALTER TABLE orders ADD COLUMN operator TEXT;
ALTER TABLE orders ADD COLUMN description TEXT;
-- The payment link: the random input its token is derived from (src/payment-link.ts; only the token's
-- SHA-256 is stored, in token_hash), until when it can be paid, and when the buyer first opened it.
ALTER TABLE orders ADD COLUMN link_nonce TEXT;
ALTER TABLE orders ADD COLUMN link_expires_at TEXT;
ALTER TABLE orders ADD COLUMN link_opened_at TEXT;
-- The merchant's order list filters by channel.
CREATE INDEX orders_channel_created ON orders (channel, created_at DESC, reference DESC);
