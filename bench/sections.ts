import { readFile, writeFile } from 'node:fs/promises';

/**
 * bench/RESULTS.md holds the figures of several benchmarks: bench/run.ts writes the main
 * part, and each other benchmark (planning, documents, delivery…) owns one section between
 * `<!-- bench:NAME:start -->` and `<!-- bench:NAME:end -->`, rewritten by that benchmark only.
 */
const marker = (name: string, edge: 'start' | 'end') => `<!-- bench:${name}:${edge} -->`;
const ANY_SECTION = /<!-- bench:([a-z0-9-]+):start -->[\s\S]*?<!-- bench:\1:end -->/g;

/** Every benchmark section of the file, as it is (for bench/run.ts to keep). */
export async function otherSections(path: string): Promise<string> {
  const text = await readFile(path, 'utf8').catch(() => '');
  const sections = text.match(ANY_SECTION) ?? [];
  return sections.map((s) => `\n${s}\n`).join('');
}

/** Replaces (or appends) the section `name` of the results file with `markdown`. */
export async function writeSection(path: string, name: string, markdown: string): Promise<void> {
  const text = await readFile(path, 'utf8').catch(() => '# Relance benchmark results\n');
  const block = `${marker(name, 'start')}\n${markdown.trim()}\n${marker(name, 'end')}`;
  const start = text.indexOf(marker(name, 'start'));
  const end = text.indexOf(marker(name, 'end'));
  const next =
    start !== -1 && end > start
      ? text.slice(0, start) + block + text.slice(end + marker(name, 'end').length)
      : `${text.trimEnd()}\n\n${block}\n`;
  await writeFile(path, next);
}
