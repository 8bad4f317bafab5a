CREATE TABLE `attack_mitigates` (
	`mitigation_id` text NOT NULL,
	`technique_id` text NOT NULL,
	PRIMARY KEY(`mitigation_id`, `technique_id`),
	FOREIGN KEY (`mitigation_id`) REFERENCES `attack_mitigations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`technique_id`) REFERENCES `attack_techniques`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `attack_mitigates_technique_idx` ON `attack_mitigates` (`technique_id`);--> statement-breakpoint
CREATE TABLE `attack_mitigations` (
	`id` text PRIMARY KEY NOT NULL,
	`attack_id` text NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`revoked` integer DEFAULT false NOT NULL,
	`deprecated` integer DEFAULT false NOT NULL,
	`modified` text DEFAULT '' NOT NULL,
	`stix_version` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE `attack_tactics` (
	`id` text PRIMARY KEY NOT NULL,
	`attack_id` text NOT NULL,
	`shortname` text NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`position` integer NOT NULL,
	`revoked` integer DEFAULT false NOT NULL,
	`deprecated` integer DEFAULT false NOT NULL,
	`modified` text DEFAULT '' NOT NULL,
	`stix_version` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE `attack_techniques` (
	`id` text PRIMARY KEY NOT NULL,
	`attack_id` text NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`tactics` text NOT NULL,
	`platforms` text NOT NULL,
	`is_subtechnique` integer DEFAULT false NOT NULL,
	`parent_id` text,
	`revoked` integer DEFAULT false NOT NULL,
	`deprecated` integer DEFAULT false NOT NULL,
	`modified` text DEFAULT '' NOT NULL,
	`stix_version` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `attack_techniques_attack_id_idx` ON `attack_techniques` (`attack_id`);--> statement-breakpoint
CREATE TABLE `technique_links` (
	`kind` text NOT NULL,
	`record_id` text NOT NULL,
	`technique_id` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`kind`, `record_id`, `technique_id`),
	FOREIGN KEY (`technique_id`) REFERENCES `attack_techniques`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `technique_links_technique_idx` ON `technique_links` (`technique_id`,`at`);--> statement-breakpoint
CREATE INDEX `technique_links_at_idx` ON `technique_links` (`at`,`kind`);--> statement-breakpoint
CREATE TABLE `threats` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`category` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `threats_list_idx` ON `threats` (`deleted_at`,`created_at`,`id`);