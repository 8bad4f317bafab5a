CREATE TABLE `document_acknowledgments` (
	`document_uuid` text NOT NULL,
	`version` integer NOT NULL,
	`user_id` text NOT NULL,
	`acknowledged_at` integer NOT NULL,
	PRIMARY KEY(`document_uuid`, `version`, `user_id`),
	FOREIGN KEY (`document_uuid`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `document_acknowledgments_user_idx` ON `document_acknowledgments` (`user_id`,`document_uuid`);--> statement-breakpoint
CREATE TABLE `document_sequences` (
	`category` text PRIMARY KEY NOT NULL,
	`last` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `document_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`document_uuid` text NOT NULL,
	`version` integer NOT NULL,
	`title` text NOT NULL,
	`content` text NOT NULL,
	`published_at` integer NOT NULL,
	`published_by` text,
	FOREIGN KEY (`document_uuid`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`published_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `document_versions_number_idx` ON `document_versions` (`document_uuid`,`version`);--> statement-breakpoint
CREATE TABLE `documents` (
	`id` text PRIMARY KEY NOT NULL,
	`document_id` text NOT NULL,
	`title` text NOT NULL,
	`category` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`owner_id` text,
	`frameworks` text DEFAULT '[]' NOT NULL,
	`next_review_at` integer,
	`content` text DEFAULT '' NOT NULL,
	`requires_acknowledgment` integer DEFAULT false NOT NULL,
	`published_version` integer DEFAULT 0 NOT NULL,
	`published_at` integer,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `documents_document_id_idx` ON `documents` (`document_id`);--> statement-breakpoint
CREATE INDEX `documents_list_idx` ON `documents` (`deleted_at`,`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `documents_status_idx` ON `documents` (`status`,`deleted_at`);--> statement-breakpoint
CREATE INDEX `documents_category_idx` ON `documents` (`category`,`deleted_at`);--> statement-breakpoint
CREATE INDEX `documents_owner_idx` ON `documents` (`owner_id`,`deleted_at`);--> statement-breakpoint
CREATE INDEX `documents_review_idx` ON `documents` (`next_review_at`,`deleted_at`);