/**
 * A gzipped data file imported `with { type: "file" }`: its path (in the binary, inside Bun's
 * embedded file system), read and decompressed where it is used.
 */
declare module "*.gz" {
  const path: string;
  export default path;
}
