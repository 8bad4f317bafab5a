// How large a vulnerability import may be: declared apart from the import's code, which the
// module's declaration (its upload limit) does not need to load.

/** The largest file an import reads (UTF-8 bytes). */
export const IMPORT_MAX_BYTES = 2 * 1024 * 1024;

/**
 * The largest request body an import route takes: the file JSON-encoded (escaping at most
 * doubles it) or uploaded as a form, with room for the rest. The service checks the file.
 */
export const IMPORT_BODY_MAX_BYTES = 2 * IMPORT_MAX_BYTES + 64 * 1024;

/** The most rows one import takes. */
export const IMPORT_MAX_ROWS = 5000;
