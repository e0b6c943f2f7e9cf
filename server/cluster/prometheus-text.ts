export type PromSample = { name: string; labels: Record<string, string>; value: number };

const LABEL = /\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"\s*,?/y;

function unescape(value: string): string {
  return value.replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c));
}

function parseValue(text: string): number {
  if (text === "+Inf") return Infinity;
  if (text === "-Inf") return -Infinity;
  return text === "" ? NaN : Number(text);
}

function parseLine(line: string): PromSample | null {
  const nameEnd = line.search(/[{\s]/);
  if (nameEnd <= 0) return null;
  const name = line.slice(0, nameEnd);
  const labels: Record<string, string> = {};
  let pos = nameEnd;
  if (line[pos] === "{") {
    pos += 1;
    LABEL.lastIndex = pos;
    for (let m = LABEL.exec(line); m; m = LABEL.exec(line)) {
      labels[m[1]!] = unescape(m[2]!);
      pos = LABEL.lastIndex;
    }
    pos = line.indexOf("}", pos);
    if (pos < 0) return null;
    pos += 1;
  }
  const value = parseValue(line.slice(pos).trim().split(/\s+/)[0]!);
  return Number.isNaN(value) ? null : { name, labels, value };
}

/** Samples of a Prometheus text exposition; comments and malformed lines are skipped. */
export function parsePrometheusText(text: string): PromSample[] {
  const samples: PromSample[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const sample = parseLine(line);
    if (sample) samples.push(sample);
  }
  return samples;
}
