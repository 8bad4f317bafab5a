DROP INDEX `scans_target_idx`;--> statement-breakpoint
ALTER TABLE `scans` ADD `host_id` text DEFAULT 'local' NOT NULL;--> statement-breakpoint
CREATE INDEX `scans_target_idx` ON `scans` (`target`,`host_id`,`created_at`);