-- A bounded Retour log (src/retour.ts): a call whose seal is not valid keeps a prefix of its body with the
-- whole body's SHA-256 and size, and is purged after the retention period by the scheduled job. Validly
-- sealed notifications stay complete and can never be deleted or changed.
ALTER TABLE notifications ADD COLUMN body_sha256 TEXT;
ALTER TABLE notifications ADD COLUMN body_size INTEGER;

DROP TRIGGER notifications_no_delete;
CREATE TRIGGER notifications_no_delete BEFORE DELETE ON notifications WHEN OLD.seal_valid = 1
BEGIN SELECT RAISE(ABORT, 'validly sealed notifications are append-only'); END;

CREATE INDEX notifications_unverified ON notifications (seal_valid, received_at);
