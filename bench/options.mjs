// The command-line options of the bench scripts: `--name value` pairs and `--flag` switches.
const args = process.argv.slice(2);

/** The value after `name`, or `dflt` when it is not given. */
export function option(name, dflt) {
  const i = args.indexOf(name);
  return i === -1 ? dflt : args[i + 1];
}

/** Whether the switch `name` is given. */
export function flag(name) {
  return args.includes(name);
}

export { args };
