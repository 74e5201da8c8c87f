ALTER TABLE `attendance_months` ADD `reopened_at` text;--> statement-breakpoint
ALTER TABLE `attendance_months` ADD `reopened_by` text;--> statement-breakpoint
ALTER TABLE `leave_requests` ADD `decision_note` text DEFAULT '' NOT NULL;