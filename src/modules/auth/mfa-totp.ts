import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { TOTP } from "otpauth";
import type { Tx } from "../../db/transaction.ts";
import { userMfa } from "./mfa-schema.ts";

/**
 * otpauth, loaded with the first secret made or code checked: a server whose users sign in
 * without an authenticator app never holds it.
 */
const otp = (): typeof import("otpauth") => require("otpauth");

/**
 * qrcode's encoder and SVG renderer, loaded with the first enrolment page drawn: only these
 * parts, not the package's index, which brings its PNG renderer (pngjs) into the binary.
 */
const qrEncoder = (): typeof import("qrcode/lib/core/qrcode.js") => require("qrcode/lib/core/qrcode.js");
const svgRenderer = (): typeof import("qrcode/lib/renderer/svg-tag.js") =>
  require("qrcode/lib/renderer/svg-tag.js");

/** Seconds a TOTP code lasts (RFC 6238's default, what every authenticator app uses). */
const TOTP_PERIOD = 30;

/** Steps either side of now a code is still accepted (clock drift between phone and server). */
const WINDOW = 1;

/** A fresh random 160-bit TOTP secret, base32. */
export function newTotpSecret(): string {
  return new (otp().Secret)({ size: 20 }).base32;
}

function totpOf(secret: string, label = "Warden"): TOTP {
  const { Secret, TOTP } = otp();
  return new TOTP({
    issuer: "Warden",
    label,
    algorithm: "SHA1",
    digits: 6,
    period: TOTP_PERIOD,
    secret: Secret.fromBase32(secret),
  });
}

/**
 * What the enrol page shows for `secret` and `username`: the secret to type, and the QR code
 * (SVG, drawn here) of the `otpauth://` URI an authenticator app reads.
 */
export async function totpEnrolment(secret: string, username: string) {
  const uri = totpOf(secret, username).toString();
  const options = { margin: 2, errorCorrectionLevel: "M" } as const;
  const qrSvg = svgRenderer().render(qrEncoder().create(uri, options), options);
  return { secret, qrSvg };
}

/**
 * The time step `code` belongs to when it is a valid code of `secret` now (within the
 * drift window); null otherwise.
 */
export function matchingStep(secret: string, code: string, now = Date.now()): number | null {
  const token = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpOf(secret).validate({ token, timestamp: now, window: WINDOW });
  return delta === null ? null : Math.floor(now / 1000 / TOTP_PERIOD) + delta;
}

/**
 * Records `step` as the last accepted step of `userId`, only if it is later than the one
 * stored: false means the code was used already (a replay), and nothing changes.
 */
export async function claimStep(tx: Tx, userId: string, step: number): Promise<boolean> {
  const claimed = await tx
    .update(userMfa)
    .set({ lastStep: step, updatedAt: Date.now() })
    .where(and(eq(userMfa.userId, userId), or(isNull(userMfa.lastStep), lt(userMfa.lastStep, step))))
    .returning({ userId: userMfa.userId });
  return claimed.length > 0;
}
