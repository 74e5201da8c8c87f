ALTER TABLE `faults` ADD `engineer_name` text;--> statement-breakpoint
ALTER TABLE `faults` ADD `alert_checks` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
CREATE INDEX `faults_project_severity_idx` ON `faults` (`project_id`,`severity`,`reported_at`);--> statement-breakpoint
CREATE INDEX `faults_project_engineer_idx` ON `faults` (`project_id`,`engineer_name`,`reported_at`);--> statement-breakpoint
ALTER TABLE `work_orders` ADD `started_at` text;--> statement-breakpoint
ALTER TABLE `work_orders` ADD `finished_at` text;--> statement-breakpoint
CREATE INDEX `work_orders_fault_idx` ON `work_orders` (`fault_id`);--> statement-breakpoint
CREATE INDEX `work_order_assets_asset_idx` ON `work_order_assets` (`asset_id`);