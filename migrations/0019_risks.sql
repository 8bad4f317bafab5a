CREATE TABLE `risk_acceptances` (
	`id` text PRIMARY KEY NOT NULL,
	`risk_id` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`reason` text NOT NULL,
	`expires_at` integer NOT NULL,
	`requested_by` text,
	`requested_at` integer NOT NULL,
	`decided_by` text,
	`decided_at` integer,
	`decision_note` text DEFAULT '' NOT NULL,
	`warned_at` integer,
	FOREIGN KEY (`risk_id`) REFERENCES `risks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `risk_acceptances_risk_idx` ON `risk_acceptances` (`risk_id`,`requested_at`);--> statement-breakpoint
CREATE INDEX `risk_acceptances_due_idx` ON `risk_acceptances` (`status`,`expires_at`);--> statement-breakpoint
CREATE TABLE `risk_links` (
	`risk_id` text NOT NULL,
	`kind` text NOT NULL,
	`record_id` text NOT NULL,
	PRIMARY KEY(`risk_id`, `kind`, `record_id`),
	FOREIGN KEY (`risk_id`) REFERENCES `risks`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `risk_links_record_idx` ON `risk_links` (`kind`,`record_id`);--> statement-breakpoint
CREATE TABLE `risks` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`owner_id` text NOT NULL,
	`category` text NOT NULL,
	`status` text DEFAULT 'identified' NOT NULL,
	`inherent_likelihood` integer NOT NULL,
	`inherent_impact` integer NOT NULL,
	`current_likelihood` integer NOT NULL,
	`current_impact` integer NOT NULL,
	`residual_likelihood` integer NOT NULL,
	`residual_impact` integer NOT NULL,
	`treatment` text,
	`treatment_plan` text DEFAULT '' NOT NULL,
	`treatment_due_at` integer,
	`next_review_at` integer,
	`review_notified_at` integer,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `risks_list_idx` ON `risks` (`deleted_at`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `risks_status_idx` ON `risks` (`status`,`deleted_at`);--> statement-breakpoint
CREATE INDEX `risks_owner_idx` ON `risks` (`owner_id`,`deleted_at`);--> statement-breakpoint
CREATE INDEX `risks_review_idx` ON `risks` (`next_review_at`);