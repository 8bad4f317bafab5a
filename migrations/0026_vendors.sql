CREATE TABLE `vendors` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`service` text DEFAULT '' NOT NULL,
	`tier` text NOT NULL,
	`data_access` text NOT NULL,
	`contact` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'proposed' NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`deleted_at` integer
);
--> statement-breakpoint
CREATE INDEX `vendors_by_name_idx` ON `vendors` (`deleted_at`,"name" collate nocase,`id`);--> statement-breakpoint
CREATE INDEX `vendors_by_tier_idx` ON `vendors` (`deleted_at`,case "tier" when 'low' then 0 when 'medium' then 1 when 'high' then 2 when 'critical' then 3 end,`id`);--> statement-breakpoint
CREATE INDEX `vendors_by_status_idx` ON `vendors` (`deleted_at`,case "status" when 'proposed' then 0 when 'active' then 1 when 'offboarded' then 2 end,`id`);--> statement-breakpoint
CREATE INDEX `vendors_by_updated_at_idx` ON `vendors` (`deleted_at`,`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `vendors_status_idx` ON `vendors` (`status`,`deleted_at`,"name" collate nocase,`id`);--> statement-breakpoint
CREATE INDEX `vendors_tier_idx` ON `vendors` (`tier`,`deleted_at`,"name" collate nocase,`id`);