// The parts of qrcode Warden requires one by one (src/modules/auth/mfa-totp.ts): the encoder and
// the SVG renderer. The package ships no types; @types/qrcode types its index only.
declare module "qrcode/lib/core/qrcode.js" {
  import type { QRCode, QRCodeOptions } from "qrcode";
  export function create(text: string, options?: QRCodeOptions): QRCode;
}
declare module "qrcode/lib/renderer/svg-tag.js" {
  import type { QRCode, QRCodeToStringOptions } from "qrcode";
  export function render(qrData: QRCode, options?: QRCodeToStringOptions): string;
}
