/**
 * An invalid user input: a config field, a design string, a CLI option.
 * `field` is a dotted path ("experiment.phases[0].trials") or a name ("--seed"), and the message
 * says what was given and what is allowed. The CLI prints it and exits non-zero before writing.
 */
export class ConfigError extends Error {
  constructor(
    readonly field: string,
    readonly detail: string,
  ) {
    super(`${field}: ${detail}`);
    this.name = "ConfigError";
  }
}
