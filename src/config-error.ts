/** A configuration the operator must fix; the `schild` command prints its message alone, without a stack trace. */
export class ConfigError extends Error {}
