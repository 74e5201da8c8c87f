-- The audit log is append-only: no UPDATE ever, DELETE only for rows older than 180 days.
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log`
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_young_delete` BEFORE DELETE ON `audit_log`
WHEN julianday(OLD.`at`) > julianday('now', '-180 days')
BEGIN
  SELECT RAISE(ABORT, 'audit rows younger than 180 days cannot be purged');
END;
