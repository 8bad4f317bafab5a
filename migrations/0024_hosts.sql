CREATE TABLE `enrolment_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`prefix` text NOT NULL,
	`token_hash` text NOT NULL,
	`max_uses` integer NOT NULL,
	`uses` integer DEFAULT 0 NOT NULL,
	`expires_at` integer NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `enrolment_tokens_hash_idx` ON `enrolment_tokens` (`token_hash`);--> statement-breakpoint
CREATE TABLE `host_metrics_hour` (
	`host_id` text NOT NULL,
	`series` text NOT NULL,
	`bucket` integer NOT NULL,
	`avg` real NOT NULL,
	`min` real NOT NULL,
	`max` real NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`host_id`, `series`, `bucket`)
);
--> statement-breakpoint
CREATE TABLE `host_metrics_minute` (
	`host_id` text NOT NULL,
	`series` text NOT NULL,
	`bucket` integer NOT NULL,
	`avg` real NOT NULL,
	`min` real NOT NULL,
	`max` real NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`host_id`, `series`, `bucket`)
);
--> statement-breakpoint
CREATE TABLE `host_samples` (
	`host_id` text NOT NULL,
	`agent_at` integer NOT NULL,
	`at` integer NOT NULL,
	`cpu` real NOT NULL,
	`memory` real NOT NULL,
	`swap` real NOT NULL,
	`load1` real NOT NULL,
	`net_rx` real NOT NULL,
	`net_tx` real NOT NULL,
	`disk_read` real NOT NULL,
	`disk_write` real NOT NULL,
	`processes` integer NOT NULL,
	PRIMARY KEY(`host_id`, `agent_at`)
);
--> statement-breakpoint
CREATE INDEX `host_samples_at_idx` ON `host_samples` (`host_id`,`at`);--> statement-breakpoint
CREATE TABLE `hosts` (
	`id` text PRIMARY KEY NOT NULL,
	`hostname` text NOT NULL,
	`machine_key` text NOT NULL,
	`asset_id` text,
	`credential_hash` text NOT NULL,
	`enrolment_token_id` text,
	`os` text DEFAULT '' NOT NULL,
	`arch` text DEFAULT '' NOT NULL,
	`cores` integer DEFAULT 0 NOT NULL,
	`memory_total` real DEFAULT 0 NOT NULL,
	`agent_version` text DEFAULT '' NOT NULL,
	`protocol` integer NOT NULL,
	`address` text,
	`clock_skew_ms` integer DEFAULT 0 NOT NULL,
	`last_seen_at` integer,
	`connected` integer DEFAULT false NOT NULL,
	`cpu` real,
	`memory` real,
	`disk` real,
	`created_at` integer NOT NULL,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `hosts_credential_idx` ON `hosts` (`credential_hash`);--> statement-breakpoint
CREATE INDEX `hosts_machine_idx` ON `hosts` (`machine_key`);