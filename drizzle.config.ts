import { defineConfig } from "drizzle-kit";

// Migrations are generated from src/db/schema and embedded in the binary (see src/db/migrate.ts).
export default defineConfig({
  dialect: "sqlite",
  schema: "./src/db/schema/index.ts",
  out: "./migrations",
});
