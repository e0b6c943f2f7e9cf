import { describe, expect, it } from "vitest";
import { chooseLeastLoaded, type Candidate } from "./balancer";

const node = (outstanding: number, weight = 1, extra: Partial<Candidate> = {}): Candidate => ({
  eligible: true,
  outstanding,
  weight,
  maxConcurrency: 64,
  ...extra,
});

describe("chooseLeastLoaded", () => {
  it.each([
    { name: "no candidates", nodes: [], from: 0, expected: -1 },
    { name: "least outstanding wins", nodes: [node(3), node(1), node(2)], from: 0, expected: 1 },
    { name: "ineligible nodes are skipped", nodes: [node(0, 1, { eligible: false }), node(5)], from: 0, expected: 1 },
    { name: "none eligible", nodes: [node(0, 1, { eligible: false })], from: 0, expected: -1 },
    { name: "a full node is skipped", nodes: [node(2, 1, { maxConcurrency: 2 }), node(9)], from: 0, expected: 1 },
    { name: "all full", nodes: [node(2, 1, { maxConcurrency: 2 })], from: 0, expected: -1 },
    // (3+1)/2 = 2 beats (2+1)/1 = 3
    { name: "weight divides the load", nodes: [node(2, 1), node(3, 2)], from: 0, expected: 1 },
    // (1+1)/2 = 1 ties (0+1)/1 = 1: the scan start decides
    { name: "weighted tie, from 0", nodes: [node(0, 1), node(1, 2)], from: 0, expected: 0 },
    { name: "weighted tie, from 1", nodes: [node(0, 1), node(1, 2)], from: 1, expected: 1 },
    { name: "tie goes to the first at or after from", nodes: [node(0), node(0), node(0)], from: 2, expected: 2 },
    { name: "from past the end wraps", nodes: [node(1), node(0), node(0)], from: 0, expected: 1 },
  ])("$name", ({ nodes, from, expected }) => {
    expect(chooseLeastLoaded(nodes, from)).toBe(expected);
  });

  it("equal nodes take turns when the caller moves past each choice", () => {
    const nodes = [node(0), node(0), node(0)];
    let from = 0;
    const picks: number[] = [];
    for (let k = 0; k < 6; k++) {
      const i = chooseLeastLoaded(nodes, from);
      picks.push(i);
      from = i + 1;
    }
    expect(picks).toEqual([0, 1, 2, 0, 1, 2]);
  });

  it("spreads requests that stay open in proportion to weight", () => {
    const nodes = [node(0, 1), node(0, 3)];
    let from = 0;
    for (let k = 0; k < 40; k++) {
      const i = chooseLeastLoaded(nodes, from % nodes.length);
      nodes[i]!.outstanding += 1;
      from = i + 1;
    }
    expect(nodes.map((n) => n.outstanding)).toEqual([10, 30]);
  });
});
