/**
 * Plain-text tables for terminals. CJK characters take two columns in a
 * monospace terminal, so widths are counted in columns, not code points, or
 * Chinese labels would push every row out of line.
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    const wide =
      (cp >= 0x1100 && cp <= 0x115f) ||
      (cp >= 0x2e80 && cp <= 0xa4cf) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe30 && cp <= 0xfe4f) ||
      (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6);
    width += wide ? 2 : 1;
  }
  return width;
}

function pad(text: string, width: number, align: "left" | "right"): string {
  const fill = " ".repeat(Math.max(0, width - displayWidth(text)));
  return align === "left" ? text + fill : fill + text;
}

/** First column left-aligned (labels), the rest right-aligned (figures); null header = a key/value list. */
export function textTable(header: readonly string[] | null, rows: readonly (readonly string[])[]): string {
  const all = header === null ? rows : [header, ...rows];
  const columns = Math.max(...all.map((r) => r.length));
  const widths = Array.from({ length: columns }, (_, c) => Math.max(...all.map((r) => displayWidth(r[c] ?? ""))));
  const line = (r: readonly string[]) =>
    widths
      .map((w, c) => pad(r[c] ?? "", w, c === 0 ? "left" : "right"))
      .join("  ")
      .trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return [...(header === null ? [] : [line(header), rule]), ...rows.map(line)].join("\n");
}
