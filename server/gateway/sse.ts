// Server-sent events arrive in arbitrary TCP-sized pieces. This splits them
// back into whole events (separated by a blank line) without copying more
// than the unfinished tail.
export class SseSplitter {
  private tail = "";

  push(chunk: string): string[] {
    const text = this.tail + chunk;
    const events: string[] = [];
    let start = 0;
    for (;;) {
      const end = findBoundary(text, start);
      if (end === -1) break;
      events.push(text.slice(start, end.index));
      start = end.index + end.length;
    }
    this.tail = text.slice(start);
    return events;
  }

  rest(): string {
    return this.tail;
  }
}

function findBoundary(text: string, from: number): { index: number; length: number } | -1 {
  const lf = text.indexOf("\n\n", from);
  const crlf = text.indexOf("\r\n\r\n", from);
  if (lf === -1 && crlf === -1) return -1;
  if (crlf !== -1 && (lf === -1 || crlf < lf)) return { index: crlf, length: 4 };
  return { index: lf, length: 2 };
}

// The payload of an event's data lines (the only field vLLM sends).
export function eventData(event: string): string | null {
  const lines = event.split(/\r?\n/).filter((l) => l.startsWith("data:"));
  if (lines.length === 0) return null;
  return lines.map((l) => l.slice(l.startsWith("data: ") ? 6 : 5)).join("\n");
}
