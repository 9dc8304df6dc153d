/** A Markdown table with padded cells (as Biome formats it); `right` marks right-aligned columns. */
export function markdownTable(header: string[], right: boolean[], rows: string[][]): string {
  const width = (text: string) => [...text].length;
  const widths = header.map((h, c) => Math.max(3, width(h), ...rows.map((r) => width(r[c] ?? ""))));
  const pad = (text: string, c: number) => {
    const fill = " ".repeat((widths[c] ?? 0) - width(text));
    return right[c] ? fill + text : text + fill;
  };
  const line = (cells: string[]) => `| ${cells.map(pad).join(" | ")} |`;
  const rule = widths.map((w, c) => (right[c] ? `${"-".repeat(w - 1)}:` : "-".repeat(w)));
  return [line(header), `| ${rule.join(" | ")} |`, ...rows.map(line)].join("\n");
}
