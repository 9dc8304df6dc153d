/** Where a worker thread's script is: under vitest src/ runs as TypeScript, and a worker needs dist/. */

/** The compiled `name` beside the module `from` (a file of src/<dir>/), or dist/<dir>/<name> from src/. */
export function workerScript(from: string, dir: string, name: string): URL {
  return from.endsWith(".ts") ? new URL(`../../dist/${dir}/${name}`, from) : new URL(`./${name}`, from);
}
