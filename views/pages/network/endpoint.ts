/** An address and port as people write them: `127.0.0.1:8080`, `[::1]:8080`. */
export function endpoint(address: string, port: number | null): string {
  const host = address.includes(":") ? `[${address}]` : address;
  return port === null ? host : `${host}:${port}`;
}
