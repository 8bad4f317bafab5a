// How large an ATT&CK import may be: declared apart from the import's code, which the module's
// declaration (its upload limit) does not need to load.

/** The largest bundle an import takes: the full Enterprise ATT&CK bundle is about 40 MB. */
export const IMPORT_MAX_BYTES = 64 * 1024 * 1024;
