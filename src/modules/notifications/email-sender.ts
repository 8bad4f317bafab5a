import type { Transporter } from "nodemailer";
import type { Config } from "../../config/schema.ts";
import type { EmailMessage } from "./outbox.ts";

type Smtp = Config["smtp"];

/**
 * Sends notification e-mail over SMTP with nodemailer. The transport follows the live
 * `smtp.*` config: it is rebuilt when those keys change. The password goes to nodemailer
 * only, never to a log line.
 */
export class EmailSender {
  #key = "";
  #transport: Transporter | null = null;

  /** Sends one message; rejects with the SMTP error (its message never includes the password). */
  async send(smtp: Smtp, timeoutMs: number, message: EmailMessage): Promise<void> {
    const transport = await this.#transportFor(smtp, timeoutMs);
    await transport.sendMail({ from: smtp.from, ...message });
  }

  /** Closes the pooled connection, if any. */
  close(): void {
    this.#transport?.close();
    this.#transport = null;
    this.#key = "";
  }

  async #transportFor(smtp: Smtp, timeoutMs: number): Promise<Transporter> {
    // Loaded on the first e-mail: nodemailer is the largest library Warden carries (about
    // 2 MiB of heap), and a server that never sends mail should not hold it.
    const { createTransport } = await import("nodemailer");
    const key = JSON.stringify([smtp, timeoutMs]);
    if (this.#transport && key === this.#key) return this.#transport;
    this.close();
    if (!smtp.host) throw new Error("E-mail is not configured (smtp.host is not set).");
    this.#transport = createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      requireTLS: !smtp.secure && smtp.starttls,
      ignoreTLS: !smtp.secure && !smtp.starttls,
      auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? "" } : undefined,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    });
    this.#key = key;
    return this.#transport;
  }
}
