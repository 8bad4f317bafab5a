CREATE TABLE `risk_snapshots` (
	`day` text NOT NULL,
	`risk_id` text NOT NULL,
	`status` text NOT NULL,
	`current_likelihood` integer,
	`current_impact` integer,
	`residual_likelihood` integer,
	`residual_impact` integer,
	PRIMARY KEY(`day`, `risk_id`)
);
--> statement-breakpoint
CREATE INDEX `incident_assets_asset_idx` ON `incident_assets` (`asset_id`);--> statement-breakpoint
CREATE INDEX `scan_ports_host_idx` ON `scan_ports` (lower("host"));--> statement-breakpoint
CREATE INDEX `alerts_host_idx` ON `alerts` (lower("host"),`deleted_at`,`last_seen`);