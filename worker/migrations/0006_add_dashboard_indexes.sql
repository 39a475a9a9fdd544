-- The merchant console's dashboard (GET /api/admin/stats): sales per day by payment time, payments awaiting
-- capture and failed operations, each read through its own small index instead of a scan of every order or
-- operation. (Payment attempts per day use notifications_unverified, on (seal_valid, received_at), of 0005.)
CREATE INDEX orders_paid_at ON orders (paid_at) WHERE paid_at IS NOT NULL;
CREATE INDEX orders_awaiting_capture ON orders (paid_at) WHERE authorised_remaining > 0;
CREATE INDEX operations_failed ON operations (requested_at) WHERE ok = 0;
