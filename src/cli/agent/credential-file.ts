import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

/** The file in the data dir holding the agent's own credential. */
export const CREDENTIAL_FILE = "agent-credential.json";

const credentialSchema = z.object({ hub: z.string(), id: z.string().min(1), secret: z.string().min(1) });

/** The agent's credential for one hub (`hub`: the hub's origin). */
export type AgentCredential = z.infer<typeof credentialSchema>;

/** The stored credential, or null when there is none (or it is unreadable). */
export function readCredential(dataDir: string): AgentCredential | null {
  try {
    const parsed = credentialSchema.safeParse(
      JSON.parse(readFileSync(join(dataDir, CREDENTIAL_FILE), "utf8")),
    );
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Stores the credential, readable by this user only (written aside, then renamed into place). */
export function writeCredential(dataDir: string, credential: AgentCredential): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, CREDENTIAL_FILE);
  const temp = `${file}.tmp`;
  writeFileSync(temp, `${JSON.stringify(credential)}\n`, { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, file);
}
