import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { requireTools } from "./tools.ts";

/** Files of a certificate made for a test. */
export interface CertificateFiles {
  dir: string;
  cert: string;
  key: string;
}

/**
 * A self-signed certificate for 127.0.0.1 (one day, RSA 2048), made with openssl in a new
 * temporary directory: no system trusts it.
 */
export function selfSignedCertificate(): CertificateFiles {
  requireTools("openssl");
  const dir = mkdtempSync(join(tmpdir(), "warden-tls-"));
  const files = { dir, cert: join(dir, "cert.pem"), key: join(dir, "key.pem") };
  const made = Bun.spawnSync(
    [
      "openssl",
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "1",
      "-subj",
      "/CN=127.0.0.1",
    ].concat(["-addext", "subjectAltName=IP:127.0.0.1", "-keyout", files.key, "-out", files.cert]),
    { stderr: "pipe" },
  );
  if (made.exitCode !== 0) throw new Error(`openssl failed: ${made.stderr}`);
  return files;
}
