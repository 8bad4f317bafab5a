DROP INDEX `incidents_list_idx`;--> statement-breakpoint
CREATE INDEX `incidents_list_idx` ON `incidents` (`deleted_at`,`created_at`,`id`);