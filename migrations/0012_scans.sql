CREATE TABLE `scan_hosts` (
	`scan_id` text NOT NULL,
	`address` text NOT NULL,
	`open_count` integer NOT NULL,
	PRIMARY KEY(`scan_id`, `address`),
	FOREIGN KEY (`scan_id`) REFERENCES `scans`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `scan_ports` (
	`scan_id` text NOT NULL,
	`host` text NOT NULL,
	`port` integer NOT NULL,
	`service` text,
	`banner` text,
	`found_at` integer NOT NULL,
	PRIMARY KEY(`scan_id`, `host`, `port`),
	FOREIGN KEY (`scan_id`) REFERENCES `scans`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `scan_schedules` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`cron` text NOT NULL,
	`enabled` integer NOT NULL,
	`target` text NOT NULL,
	`ports` text NOT NULL,
	`concurrency` integer NOT NULL,
	`connect_timeout_ms` integer NOT NULL,
	`host_discovery` integer NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`last_run_at` integer,
	`last_scan_id` text,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `scans` (
	`id` text PRIMARY KEY NOT NULL,
	`target` text NOT NULL,
	`ports` text NOT NULL,
	`concurrency` integer NOT NULL,
	`connect_timeout_ms` integer NOT NULL,
	`host_discovery` integer NOT NULL,
	`status` text NOT NULL,
	`created_by` text,
	`schedule_id` text,
	`created_at` integer NOT NULL,
	`started_at` integer,
	`finished_at` integer,
	`host_count` integer DEFAULT 0 NOT NULL,
	`hosts_up` integer DEFAULT 0 NOT NULL,
	`ports_total` integer DEFAULT 0 NOT NULL,
	`ports_done` integer DEFAULT 0 NOT NULL,
	`open_count` integer DEFAULT 0 NOT NULL,
	`closed_count` integer DEFAULT 0 NOT NULL,
	`filtered_count` integer DEFAULT 0 NOT NULL,
	`error` text,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `scans_created_idx` ON `scans` (`created_at`);--> statement-breakpoint
CREATE INDEX `scans_target_idx` ON `scans` (`target`,`created_at`);