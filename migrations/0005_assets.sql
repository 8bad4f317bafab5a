CREATE TABLE `asset_relations` (
	`asset_id` text NOT NULL,
	`depends_on_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`asset_id`, `depends_on_id`),
	FOREIGN KEY (`asset_id`) REFERENCES `assets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`depends_on_id`) REFERENCES `assets`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "asset_relations_not_self" CHECK("asset_relations"."asset_id" <> "asset_relations"."depends_on_id")
);
--> statement-breakpoint
CREATE INDEX `asset_relations_depends_on_idx` ON `asset_relations` (`depends_on_id`);--> statement-breakpoint
CREATE TABLE `assets` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`asset_type` text NOT NULL,
	`criticality` text DEFAULT 'medium' NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`owner_user_id` text,
	`owner_text` text,
	`hostname` text DEFAULT '' NOT NULL,
	`ip_addresses` text DEFAULT '[]' NOT NULL,
	`os` text DEFAULT '' NOT NULL,
	`location` text DEFAULT '' NOT NULL,
	`tags` text DEFAULT '[]' NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`managed_by` text,
	`managed_key` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`owner_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "assets_one_owner" CHECK("assets"."owner_user_id" IS NULL OR "assets"."owner_text" IS NULL)
);
--> statement-breakpoint
CREATE INDEX `assets_name_idx` ON `assets` (`name`);--> statement-breakpoint
CREATE INDEX `assets_type_idx` ON `assets` (`asset_type`);--> statement-breakpoint
CREATE INDEX `assets_criticality_idx` ON `assets` (`criticality`);--> statement-breakpoint
CREATE INDEX `assets_status_idx` ON `assets` (`status`);--> statement-breakpoint
CREATE INDEX `assets_owner_idx` ON `assets` (`owner_user_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `assets_managed_idx` ON `assets` (`managed_by`,`managed_key`);