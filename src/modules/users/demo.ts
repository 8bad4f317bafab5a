import { eq } from "drizzle-orm";
import { type Role, users } from "../../db/schema/users.ts";
import type { ModuleDemo } from "../../kit/demo.ts";
import { createUser } from "./accounts.ts";

const PEOPLE: [username: string, name: string, role: Role][] = [
  ["demo.manager", "Maya Manager", "manager"],
  ["demo.analyst", "Arun Analyst", "analyst"],
  ["demo.responder", "Rosa Responder", "analyst"],
  ["demo.viewer", "Victor Viewer", "viewer"],
];

/** The demo people, one account per role (their generated passwords are shown once). */
export const usersDemo: ModuleDemo = {
  async present({ db }) {
    const [existing] = await db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.username, PEOPLE[0]?.[0] ?? ""))
      .limit(1);
    return existing !== undefined;
  },
  async seed(ctx) {
    for (const [username, displayName, role] of PEOPLE) {
      const password = Buffer.from(crypto.getRandomValues(new Uint8Array(15))).toString("base64url");
      const user = await createUser(ctx, ctx.actor, {
        email: `${username}@example.test`,
        username,
        displayName,
        role,
        password,
      });
      ctx.seeded.accounts.push({ username, role, password });
      ctx.seeded.people.push(user.id);
    }
    return [];
  },
};
