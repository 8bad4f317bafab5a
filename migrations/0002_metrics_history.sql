CREATE TABLE `metrics_hour` (
	`series` text NOT NULL,
	`bucket` integer NOT NULL,
	`avg` real NOT NULL,
	`min` real NOT NULL,
	`max` real NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`series`, `bucket`)
);
--> statement-breakpoint
CREATE TABLE `metrics_minute` (
	`series` text NOT NULL,
	`bucket` integer NOT NULL,
	`avg` real NOT NULL,
	`min` real NOT NULL,
	`max` real NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`series`, `bucket`)
);
