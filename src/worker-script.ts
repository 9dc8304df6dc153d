/**
 * A worker thread's script: the compiled `name` beside the module `from` (a file of src/<dir>/);
 * under vitest src/ runs as TypeScript, and a worker needs the compiled file: dist/<dir>/<name>.
 */
export function workerScript(from: string, dir: string, name: string): URL {
  return from.endsWith(".ts") ? new URL(`../../dist/${dir}/${name}`, from) : new URL(`./${name}`, from);
}
