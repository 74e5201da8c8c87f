CREATE TABLE `probe_sweeps` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`project_id` text NOT NULL,
	`trigger` text NOT NULL,
	`asset_id` text,
	`started_at` text NOT NULL,
	`finished_at` text,
	`status` text NOT NULL,
	`total` integer DEFAULT 0 NOT NULL,
	`done` integer DEFAULT 0 NOT NULL,
	`normal` integer DEFAULT 0 NOT NULL,
	`warning` integer DEFAULT 0 NOT NULL,
	`severe` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`asset_id`) REFERENCES `assets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `probe_sweeps_time_idx` ON `probe_sweeps` (`project_id`,`started_at`);--> statement-breakpoint
CREATE TABLE `inspection_schedule` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`project_id` text NOT NULL,
	`kind` text NOT NULL,
	`biz_date` text NOT NULL,
	`slot` text NOT NULL,
	`due_at` text NOT NULL,
	`ran_at` text NOT NULL,
	`late` integer DEFAULT false NOT NULL,
	`sweep_id` text,
	`run_id` text,
	`note` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inspection_schedule_uq` ON `inspection_schedule` (`project_id`,`kind`,`biz_date`,`slot`);--> statement-breakpoint
ALTER TABLE `probe_checks` ADD `aspect` text;--> statement-breakpoint
ALTER TABLE `probe_checks` ADD `sort` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `inspection_items` ADD `key` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `inspection_items` ADD `steps` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `inspection_results` ADD `operator` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `inspection_runs` ADD `inspector_name` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `inspection_runs` ADD `paused_at` text;--> statement-breakpoint
ALTER TABLE `inspection_runs` ADD `decision_reason` text;--> statement-breakpoint
ALTER TABLE `inspection_runs` ADD `remarks` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX `probe_results_sweep_idx` ON `probe_results` (`sweep_id`);