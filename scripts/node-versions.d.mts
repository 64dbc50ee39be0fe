/** The Node.js releases the CLI and round-trip tests also run on (scripts/node-versions.mjs). */
export declare const NODE_VERSIONS: readonly string[];
/** The path of a release's binary once `npm run node-versions` fetched it, else undefined. */
export declare function nodeBinary(version: string): string | undefined;
