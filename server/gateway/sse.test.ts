import { describe, expect, it } from "vitest";
import { eventData, SseSplitter } from "./sse";

describe("SseSplitter", () => {
  it.each([
    ["one whole event", ["data: a\n\n"], ["data: a"], ""],
    ["two in one chunk", ["data: a\n\ndata: b\n\n"], ["data: a", "data: b"], ""],
    ["split across chunks", ["data: a", "bc\n", "\ndata: d"], ["data: abc"], "data: d"],
    ["CRLF boundaries", ["data: a\r\n\r\ndata: b\r\n\r\n"], ["data: a", "data: b"], ""],
    ["boundary split between chunks", ["data: a\n", "\n"], ["data: a"], ""],
    ["nothing yet", ["data: {\"x\":"], [], "data: {\"x\":"],
  ])("%s", (_name, chunks, events, rest) => {
    const splitter = new SseSplitter();
    expect(chunks.flatMap((c) => splitter.push(c))).toEqual(events);
    expect(splitter.rest()).toBe(rest);
  });
});

describe("eventData", () => {
  it.each([
    ["data: [DONE]", "[DONE]"],
    ['data: {"a":1}', '{"a":1}'],
    ["data:x", "x"],
    ["data: a\ndata: b", "a\nb"],
    [": comment", null],
    ["event: ping\ndata: 1", "1"],
  ])("%j", (event, expected) => {
    expect(eventData(event)).toBe(expected);
  });
});
