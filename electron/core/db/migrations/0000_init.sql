CREATE TABLE `doc_counters` (
	`project_id` text NOT NULL,
	`kind` text NOT NULL,
	`scope` text NOT NULL,
	`last_seq` integer NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `doc_counters_pk` ON `doc_counters` (`project_id`,`kind`,`scope`);--> statement-breakpoint
CREATE TABLE `projects` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`platform_name` text NOT NULL,
	`party_a` text NOT NULL,
	`party_b` text NOT NULL,
	`signed_on` text NOT NULL,
	`service_start` text NOT NULL,
	`service_end` text NOT NULL,
	`settings` text NOT NULL,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `projects_code_uq` ON `projects` (`code`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sites` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`project_id` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`address` text,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `staff` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`project_id` text NOT NULL,
	`name` text NOT NULL,
	`title` text NOT NULL,
	`phone` text,
	`on_site` integer DEFAULT true NOT NULL,
	`is_manager` integer DEFAULT false NOT NULL,
	`sort` integer DEFAULT 0 NOT NULL,
	`active_from` text,
	`active_to` text,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `staff_project_idx` ON `staff` (`project_id`,`sort`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`password_hash` text NOT NULL,
	`roles` text NOT NULL,
	`staff_id` text,
	`failed_count` integer DEFAULT 0 NOT NULL,
	`locked_until` text,
	`disabled` integer DEFAULT false NOT NULL,
	`password_changed_at` text NOT NULL,
	`last_login_at` text,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_uq` ON `users` (`username`);--> statement-breakpoint
CREATE TABLE `attachment_links` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`attachment_id` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`role` text NOT NULL,
	FOREIGN KEY (`attachment_id`) REFERENCES `attachments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `attachment_links_entity_idx` ON `attachment_links` (`entity`,`entity_id`);--> statement-breakpoint
CREATE TABLE `attachments` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`sha256` text NOT NULL,
	`size` integer NOT NULL,
	`mime` text NOT NULL,
	`original_name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `attachments_sha_uq` ON `attachments` (`sha256`);--> statement-breakpoint
CREATE TABLE `assets` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`project_id` text NOT NULL,
	`name` text NOT NULL,
	`model` text DEFAULT '' NOT NULL,
	`purpose` text DEFAULT '' NOT NULL,
	`location` text DEFAULT '' NOT NULL,
	`ip` text DEFAULT '' NOT NULL,
	`os` text DEFAULT '' NOT NULL,
	`system_short` text DEFAULT '' NOT NULL,
	`category` text DEFAULT '' NOT NULL,
	`content_category` text DEFAULT '' NOT NULL,
	`owner` text DEFAULT '' NOT NULL,
	`node_group` text DEFAULT '' NOT NULL,
	`credential_id` text,
	`sort` integer DEFAULT 0 NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`credential_id`) REFERENCES `credentials`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `assets_project_idx` ON `assets` (`project_id`,`node_group`,`sort`);--> statement-breakpoint
CREATE TABLE `credentials` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`project_id` text NOT NULL,
	`label` text NOT NULL,
	`kind` text NOT NULL,
	`username` text NOT NULL,
	`secret_enc` blob,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `host_keys` (
	`host_port` text PRIMARY KEY NOT NULL,
	`fingerprint` text NOT NULL,
	`pinned_at` text NOT NULL,
	`pinned_by` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `probe_checks` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`asset_id` text NOT NULL,
	`kind` text NOT NULL,
	`label` text NOT NULL,
	`config` text NOT NULL,
	`thresholds` text,
	`enabled` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`asset_id`) REFERENCES `assets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `probe_checks_asset_idx` ON `probe_checks` (`asset_id`);--> statement-breakpoint
CREATE TABLE `probe_results` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`check_id` text NOT NULL,
	`asset_id` text NOT NULL,
	`sweep_id` text,
	`started_at` text NOT NULL,
	`finished_at` text NOT NULL,
	`level` text NOT NULL,
	`summary` text NOT NULL,
	`latency_ms` integer,
	`metrics` text,
	`raw` text,
	FOREIGN KEY (`check_id`) REFERENCES `probe_checks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`asset_id`) REFERENCES `assets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `probe_results_asset_time_idx` ON `probe_results` (`asset_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `probe_results_check_time_idx` ON `probe_results` (`check_id`,`started_at`);--> statement-breakpoint
CREATE TABLE `inspection_items` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`template_id` text NOT NULL,
	`asset_id` text,
	`column` text NOT NULL,
	`label` text NOT NULL,
	`source` text NOT NULL,
	`sort` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`template_id`) REFERENCES `inspection_templates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`asset_id`) REFERENCES `assets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `inspection_items_template_idx` ON `inspection_items` (`template_id`,`sort`);--> statement-breakpoint
CREATE TABLE `inspection_results` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`run_id` text NOT NULL,
	`item_id` text NOT NULL,
	`asset_id` text,
	`level` text NOT NULL,
	`value` text DEFAULT '' NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`probe_result_id` text,
	`overridden` integer DEFAULT false NOT NULL,
	`override_reason` text,
	FOREIGN KEY (`run_id`) REFERENCES `inspection_runs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `inspection_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`asset_id`) REFERENCES `assets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`probe_result_id`) REFERENCES `probe_results`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inspection_results_uq` ON `inspection_results` (`run_id`,`item_id`);--> statement-breakpoint
CREATE INDEX `inspection_results_asset_idx` ON `inspection_results` (`asset_id`);--> statement-breakpoint
CREATE TABLE `inspection_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`template_id` text NOT NULL,
	`biz_date` text NOT NULL,
	`slot` text NOT NULL,
	`status` text NOT NULL,
	`inspector_id` text,
	`started_at` text NOT NULL,
	`finished_at` text,
	`due_at` text NOT NULL,
	`late` integer DEFAULT false NOT NULL,
	`paused_reason` text,
	`decision` text,
	`decided_by` text,
	`decided_at` text,
	FOREIGN KEY (`template_id`) REFERENCES `inspection_templates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`inspector_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inspection_runs_uq` ON `inspection_runs` (`template_id`,`biz_date`,`slot`);--> statement-breakpoint
CREATE INDEX `inspection_runs_date_idx` ON `inspection_runs` (`biz_date`);--> statement-breakpoint
CREATE TABLE `inspection_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`project_id` text NOT NULL,
	`code` text NOT NULL,
	`title` text NOT NULL,
	`form_kind` text NOT NULL,
	`cadence` text NOT NULL,
	`layout` text NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inspection_templates_code_uq` ON `inspection_templates` (`project_id`,`code`);--> statement-breakpoint
CREATE TABLE `fault_assets` (
	`fault_id` text NOT NULL,
	`asset_id` text NOT NULL,
	FOREIGN KEY (`fault_id`) REFERENCES `faults`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`asset_id`) REFERENCES `assets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `fault_assets_pk` ON `fault_assets` (`fault_id`,`asset_id`);--> statement-breakpoint
CREATE INDEX `fault_assets_asset_idx` ON `fault_assets` (`asset_id`);--> statement-breakpoint
CREATE TABLE `fault_stamp_history` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`fault_id` text NOT NULL,
	`field` text NOT NULL,
	`old_value` text,
	`new_value` text,
	`reason` text NOT NULL,
	FOREIGN KEY (`fault_id`) REFERENCES `faults`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `fault_stamp_history_fault_idx` ON `fault_stamp_history` (`fault_id`);--> statement-breakpoint
CREATE TABLE `faults` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`project_id` text NOT NULL,
	`doc_no` text NOT NULL,
	`title` text NOT NULL,
	`reporter_id` text,
	`reporter_name` text NOT NULL,
	`report_date` text NOT NULL,
	`fault_date` text NOT NULL,
	`category` text NOT NULL,
	`severity` text NOT NULL,
	`alert_level` integer DEFAULT 1 NOT NULL,
	`description` text NOT NULL,
	`solved` integer DEFAULT false NOT NULL,
	`solution` text DEFAULT '' NOT NULL,
	`cause_analysis` text DEFAULT '' NOT NULL,
	`handling_process` text DEFAULT '' NOT NULL,
	`preventive_measures` text DEFAULT '' NOT NULL,
	`source` text DEFAULT 'manual' NOT NULL,
	`source_ref` text,
	`status` text NOT NULL,
	`reported_at` text NOT NULL,
	`responded_at` text,
	`responded_by` text,
	`on_site_at` text,
	`on_site_by` text,
	`resolved_at` text,
	`resolved_by` text,
	`report_filed_at` text,
	`report_filed_by` text,
	`reviewer_name` text,
	`reviewed_at` text,
	`reviewed_by` text,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reporter_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `faults_doc_no_uq` ON `faults` (`doc_no`);--> statement-breakpoint
CREATE INDEX `faults_project_reported_idx` ON `faults` (`project_id`,`reported_at`);--> statement-breakpoint
CREATE INDEX `faults_status_idx` ON `faults` (`status`,`reported_at`);--> statement-breakpoint
CREATE TABLE `work_order_assets` (
	`work_order_id` text NOT NULL,
	`asset_id` text NOT NULL,
	FOREIGN KEY (`work_order_id`) REFERENCES `work_orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`asset_id`) REFERENCES `assets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `work_order_assets_pk` ON `work_order_assets` (`work_order_id`,`asset_id`);--> statement-breakpoint
CREATE TABLE `work_orders` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`project_id` text NOT NULL,
	`doc_no` text NOT NULL,
	`site_name` text NOT NULL,
	`apply_date` text NOT NULL,
	`company` text NOT NULL,
	`technician_ids` text NOT NULL,
	`technician_names` text NOT NULL,
	`demand` text NOT NULL,
	`content` text NOT NULL,
	`standard` text DEFAULT '' NOT NULL,
	`done_date` text,
	`workload_hours` real,
	`status` text NOT NULL,
	`confirmer_name` text,
	`confirmed_at` text,
	`fault_id` text,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`fault_id`) REFERENCES `faults`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `work_orders_doc_no_uq` ON `work_orders` (`doc_no`);--> statement-breakpoint
CREATE INDEX `work_orders_project_date_idx` ON `work_orders` (`project_id`,`apply_date`);--> statement-breakpoint
CREATE INDEX `work_orders_status_idx` ON `work_orders` (`status`,`apply_date`);--> statement-breakpoint
CREATE TABLE `problem_events` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`ticket_id` text NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`ticket_id`) REFERENCES `problem_tickets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `problem_events_ticket_idx` ON `problem_events` (`ticket_id`);--> statement-breakpoint
CREATE TABLE `problem_tickets` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`project_id` text NOT NULL,
	`doc_no` text NOT NULL,
	`kind` text NOT NULL,
	`severity` text,
	`status` text NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`submitter_name` text NOT NULL,
	`assignee_name` text,
	`answer` text DEFAULT '' NOT NULL,
	`opened_at` text NOT NULL,
	`closed_at` text,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `problem_tickets_doc_no_uq` ON `problem_tickets` (`doc_no`);--> statement-breakpoint
CREATE INDEX `problem_tickets_status_idx` ON `problem_tickets` (`status`,`opened_at`);--> statement-breakpoint
CREATE TABLE `attendance_marks` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`project_id` text NOT NULL,
	`staff_id` text NOT NULL,
	`date` text NOT NULL,
	`half` text DEFAULT 'full' NOT NULL,
	`mark` text NOT NULL,
	`minutes_late` integer,
	`overtime_hours` integer,
	`note` text DEFAULT '' NOT NULL,
	`source` text DEFAULT 'manual' NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `attendance_marks_uq` ON `attendance_marks` (`staff_id`,`date`,`half`);--> statement-breakpoint
CREATE INDEX `attendance_marks_project_date_idx` ON `attendance_marks` (`project_id`,`date`);--> statement-breakpoint
CREATE TABLE `attendance_months` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`project_id` text NOT NULL,
	`month` text NOT NULL,
	`status` text NOT NULL,
	`closed_at` text,
	`closed_by` text,
	`reopen_reason` text,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `attendance_months_uq` ON `attendance_months` (`project_id`,`month`);--> statement-breakpoint
CREATE TABLE `calendar_overrides` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`project_id` text NOT NULL,
	`date` text NOT NULL,
	`kind` text NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calendar_overrides_uq` ON `calendar_overrides` (`project_id`,`date`);--> statement-breakpoint
CREATE TABLE `leave_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`project_id` text NOT NULL,
	`staff_id` text NOT NULL,
	`kind` text NOT NULL,
	`from_date` text NOT NULL,
	`to_date` text NOT NULL,
	`half` text DEFAULT 'full' NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`requested_at` text NOT NULL,
	`status` text NOT NULL,
	`decided_by` text,
	`decided_at` text,
	`has_note` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `leave_requests_staff_idx` ON `leave_requests` (`staff_id`,`from_date`);--> statement-breakpoint
CREATE INDEX `leave_requests_status_idx` ON `leave_requests` (`status`);--> statement-breakpoint
CREATE TABLE `document_changes` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`document_id` text NOT NULL,
	`version` text NOT NULL,
	`summary` text NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `document_changes_doc_idx` ON `document_changes` (`document_id`);--> statement-breakpoint
CREATE TABLE `documents` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`project_id` text NOT NULL,
	`doc_no` text NOT NULL,
	`title` text NOT NULL,
	`kind` text NOT NULL,
	`version` text NOT NULL,
	`control` text NOT NULL,
	`attachment_id` text,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`attachment_id`) REFERENCES `attachments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `documents_doc_no_uq` ON `documents` (`doc_no`);--> statement-breakpoint
CREATE TABLE `monthly_reports` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`project_id` text NOT NULL,
	`month` text NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`typical_faults` text DEFAULT '' NOT NULL,
	`suggestions` text DEFAULT '' NOT NULL,
	`statistics` text,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `monthly_reports_uq` ON `monthly_reports` (`project_id`,`month`);--> statement-breakpoint
CREATE TABLE `packs` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`project_id` text NOT NULL,
	`kind` text NOT NULL,
	`period` text NOT NULL,
	`path` text NOT NULL,
	`files` integer NOT NULL,
	`manifest_sha256` text NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `packs_period_idx` ON `packs` (`project_id`,`kind`,`period`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`at` text NOT NULL,
	`user_id` text,
	`username` text NOT NULL,
	`face` text NOT NULL,
	`channel` text NOT NULL,
	`entity` text,
	`entity_id` text,
	`before` text,
	`after` text,
	`outcome` text NOT NULL,
	`error_code` text,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_log_entity_idx` ON `audit_log` (`entity`,`entity_id`);