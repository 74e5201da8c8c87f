-- The standard columns (id UUIDv7, created_at, updated_at, updated_by, deleted_at) on the five
-- tables that lacked them; the natural keys become unique indexes. Existing rows get a
-- UUIDv7-shaped id computed here (48-bit ms timestamp of the row's best known time, version 7,
-- variant 10, random rest) and times from their own columns (settings.updated_at,
-- host_keys.pinned_at, the parent fault's / work order's created_at), else the migration time;
-- updated_by from their own columns, else 'system:migration'.
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_settings` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`key` text NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_settings`("id", "created_at", "updated_at", "updated_by", "deleted_at", "key", "value")
SELECT
  -- UUIDv7: 48-bit ms timestamp, version 7, 12 random bits, variant 10, 62 random bits
  substr(printf('%012x', max(0, CAST((COALESCE(julianday(s.updated_at), julianday('now')) - 2440587.5) * 86400000.0 + 0.5 AS INTEGER))), 1, 8) || '-' ||
  substr(printf('%012x', max(0, CAST((COALESCE(julianday(s.updated_at), julianday('now')) - 2440587.5) * 86400000.0 + 0.5 AS INTEGER))), 9, 4) || '-' ||
  '7' || substr(lower(hex(randomblob(2))), 2) || '-' ||
  substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) || '-' ||
  lower(hex(randomblob(6))),
  s.updated_at, s.updated_at, s.updated_by, NULL, s.key, s.value
FROM `settings` s;--> statement-breakpoint
DROP TABLE `settings`;--> statement-breakpoint
ALTER TABLE `__new_settings` RENAME TO `settings`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `settings_key_uq` ON `settings` (`key`);--> statement-breakpoint
CREATE TABLE `__new_host_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`host_port` text NOT NULL,
	`fingerprint` text NOT NULL,
	`pinned_at` text NOT NULL,
	`pinned_by` text NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_host_keys`("id", "created_at", "updated_at", "updated_by", "deleted_at", "host_port", "fingerprint", "pinned_at", "pinned_by")
SELECT
  -- UUIDv7: 48-bit ms timestamp, version 7, 12 random bits, variant 10, 62 random bits
  substr(printf('%012x', max(0, CAST((COALESCE(julianday(h.pinned_at), julianday('now')) - 2440587.5) * 86400000.0 + 0.5 AS INTEGER))), 1, 8) || '-' ||
  substr(printf('%012x', max(0, CAST((COALESCE(julianday(h.pinned_at), julianday('now')) - 2440587.5) * 86400000.0 + 0.5 AS INTEGER))), 9, 4) || '-' ||
  '7' || substr(lower(hex(randomblob(2))), 2) || '-' ||
  substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) || '-' ||
  lower(hex(randomblob(6))),
  h.pinned_at, h.pinned_at, h.pinned_by, NULL, h.host_port, h.fingerprint, h.pinned_at, h.pinned_by
FROM `host_keys` h;--> statement-breakpoint
DROP TABLE `host_keys`;--> statement-breakpoint
ALTER TABLE `__new_host_keys` RENAME TO `host_keys`;--> statement-breakpoint
CREATE UNIQUE INDEX `host_keys_host_port_uq` ON `host_keys` (`host_port`);--> statement-breakpoint
CREATE TABLE `__new_doc_counters` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`project_id` text NOT NULL,
	`kind` text NOT NULL,
	`scope` text NOT NULL,
	`last_seq` integer NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_doc_counters`("id", "created_at", "updated_at", "updated_by", "deleted_at", "project_id", "kind", "scope", "last_seq")
SELECT
  -- UUIDv7: 48-bit ms timestamp, version 7, 12 random bits, variant 10, 62 random bits
  substr(printf('%012x', max(0, CAST((COALESCE(julianday(NULL), julianday('now')) - 2440587.5) * 86400000.0 + 0.5 AS INTEGER))), 1, 8) || '-' ||
  substr(printf('%012x', max(0, CAST((COALESCE(julianday(NULL), julianday('now')) - 2440587.5) * 86400000.0 + 0.5 AS INTEGER))), 9, 4) || '-' ||
  '7' || substr(lower(hex(randomblob(2))), 2) || '-' ||
  substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) || '-' ||
  lower(hex(randomblob(6))),
  strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'system:migration', NULL, c.project_id, c.kind, c.scope, c.last_seq
FROM `doc_counters` c;--> statement-breakpoint
DROP TABLE `doc_counters`;--> statement-breakpoint
ALTER TABLE `__new_doc_counters` RENAME TO `doc_counters`;--> statement-breakpoint
CREATE UNIQUE INDEX `doc_counters_pk` ON `doc_counters` (`project_id`,`kind`,`scope`);--> statement-breakpoint
CREATE TABLE `__new_fault_assets` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`fault_id` text NOT NULL,
	`asset_id` text NOT NULL,
	FOREIGN KEY (`fault_id`) REFERENCES `faults`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`asset_id`) REFERENCES `assets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_fault_assets`("id", "created_at", "updated_at", "updated_by", "deleted_at", "fault_id", "asset_id")
SELECT
  -- UUIDv7: 48-bit ms timestamp, version 7, 12 random bits, variant 10, 62 random bits
  substr(printf('%012x', max(0, CAST((COALESCE(julianday(f.created_at), julianday('now')) - 2440587.5) * 86400000.0 + 0.5 AS INTEGER))), 1, 8) || '-' ||
  substr(printf('%012x', max(0, CAST((COALESCE(julianday(f.created_at), julianday('now')) - 2440587.5) * 86400000.0 + 0.5 AS INTEGER))), 9, 4) || '-' ||
  '7' || substr(lower(hex(randomblob(2))), 2) || '-' ||
  substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) || '-' ||
  lower(hex(randomblob(6))),
  COALESCE(f.created_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), COALESCE(f.created_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), 'system:migration', NULL, fa.fault_id, fa.asset_id
FROM `fault_assets` fa LEFT JOIN `faults` f ON f.id = fa.fault_id;--> statement-breakpoint
DROP TABLE `fault_assets`;--> statement-breakpoint
ALTER TABLE `__new_fault_assets` RENAME TO `fault_assets`;--> statement-breakpoint
CREATE UNIQUE INDEX `fault_assets_pk` ON `fault_assets` (`fault_id`,`asset_id`);--> statement-breakpoint
CREATE INDEX `fault_assets_asset_idx` ON `fault_assets` (`asset_id`);--> statement-breakpoint
CREATE TABLE `__new_work_order_assets` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`work_order_id` text NOT NULL,
	`asset_id` text NOT NULL,
	FOREIGN KEY (`work_order_id`) REFERENCES `work_orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`asset_id`) REFERENCES `assets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_work_order_assets`("id", "created_at", "updated_at", "updated_by", "deleted_at", "work_order_id", "asset_id")
SELECT
  -- UUIDv7: 48-bit ms timestamp, version 7, 12 random bits, variant 10, 62 random bits
  substr(printf('%012x', max(0, CAST((COALESCE(julianday(w.created_at), julianday('now')) - 2440587.5) * 86400000.0 + 0.5 AS INTEGER))), 1, 8) || '-' ||
  substr(printf('%012x', max(0, CAST((COALESCE(julianday(w.created_at), julianday('now')) - 2440587.5) * 86400000.0 + 0.5 AS INTEGER))), 9, 4) || '-' ||
  '7' || substr(lower(hex(randomblob(2))), 2) || '-' ||
  substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) || '-' ||
  lower(hex(randomblob(6))),
  COALESCE(w.created_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), COALESCE(w.created_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), 'system:migration', NULL, wa.work_order_id, wa.asset_id
FROM `work_order_assets` wa LEFT JOIN `work_orders` w ON w.id = wa.work_order_id;--> statement-breakpoint
DROP TABLE `work_order_assets`;--> statement-breakpoint
ALTER TABLE `__new_work_order_assets` RENAME TO `work_order_assets`;--> statement-breakpoint
CREATE UNIQUE INDEX `work_order_assets_pk` ON `work_order_assets` (`work_order_id`,`asset_id`);--> statement-breakpoint
CREATE INDEX `work_order_assets_asset_idx` ON `work_order_assets` (`asset_id`);