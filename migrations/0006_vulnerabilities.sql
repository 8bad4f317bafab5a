CREATE TABLE `vulnerabilities` (
	`id` text PRIMARY KEY NOT NULL,
	`cve_id` text,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`cvss_vector` text,
	`cvss_version` text,
	`cvss_score` real,
	`severity` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`discovered_at` integer NOT NULL,
	`due_at` integer,
	`resolved_at` integer,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `vulnerabilities_list_idx` ON `vulnerabilities` (`deleted_at`,`created_at`);--> statement-breakpoint
CREATE INDEX `vulnerabilities_status_idx` ON `vulnerabilities` (`status`,`deleted_at`);--> statement-breakpoint
CREATE INDEX `vulnerabilities_severity_idx` ON `vulnerabilities` (`severity`,`deleted_at`);--> statement-breakpoint
CREATE INDEX `vulnerabilities_due_idx` ON `vulnerabilities` (`due_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `vulnerabilities_cve_idx` ON `vulnerabilities` (`cve_id`) WHERE deleted_at IS NULL AND cve_id IS NOT NULL;--> statement-breakpoint
CREATE TABLE `vulnerability_assets` (
	`vulnerability_id` text NOT NULL,
	`asset_id` text NOT NULL,
	PRIMARY KEY(`vulnerability_id`, `asset_id`),
	FOREIGN KEY (`vulnerability_id`) REFERENCES `vulnerabilities`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`asset_id`) REFERENCES `assets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `vulnerability_assets_asset_idx` ON `vulnerability_assets` (`asset_id`);