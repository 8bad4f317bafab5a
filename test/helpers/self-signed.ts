import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { requireTools } from "./tools.ts";

/** Files of a certificate made for a test. */
export interface CertificateFiles {
  dir: string;
  cert: string;
  key: string;
}

/** Runs openssl with `args`; throws with its stderr when it fails. */
function openssl(args: string[]): void {
  requireTools("openssl");
  const made = Bun.spawnSync(["openssl", ...args], { stderr: "pipe" });
  if (made.exitCode !== 0) throw new Error(`openssl ${args[0]} failed: ${made.stderr}`);
}

/**
 * A self-signed certificate for 127.0.0.1 (one day, RSA 2048, a CA by openssl's defaults), made
 * with openssl in a new temporary directory: no system trusts it.
 */
export function selfSignedCertificate(): CertificateFiles {
  const dir = mkdtempSync(join(tmpdir(), "warden-tls-"));
  const files = { dir, cert: join(dir, "cert.pem"), key: join(dir, "key.pem") };
  openssl(
    ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1"].concat([
      "-addext",
      "subjectAltName=IP:127.0.0.1",
      "-keyout",
      files.key,
      "-out",
      files.cert,
    ]),
  );
  return files;
}

/** A certificate for 127.0.0.1 with a key of its own, signed by `issuer`'s key (one day, RSA 2048). */
export function issuedCertificate(issuer: CertificateFiles): CertificateFiles {
  const dir = mkdtempSync(join(tmpdir(), "warden-tls-"));
  const files = { dir, cert: join(dir, "cert.pem"), key: join(dir, "key.pem") };
  const request = join(dir, "request.csr");
  const extensions = join(dir, "extensions.cnf");
  writeFileSync(extensions, "subjectAltName=IP:127.0.0.1\n");
  openssl([
    "req",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-subj",
    "/CN=127.0.0.1",
    "-keyout",
    files.key,
    "-out",
    request,
  ]);
  openssl(
    ["x509", "-req", "-in", request, "-CA", issuer.cert, "-CAkey", issuer.key, "-CAcreateserial"].concat([
      "-days",
      "1",
      "-extfile",
      extensions,
      "-out",
      files.cert,
    ]),
  );
  return files;
}
