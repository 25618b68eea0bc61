#!/usr/bin/env python3
"""Counts a Dieharder report's results, following -Y 1 re-tests.

Prints one line: tests passed weak failed retested
  tests     results on the first attempt (one per p-value line: a test with several statistics counts each)
  passed, weak, failed   the final assessment of each, after -Y 1 re-tests replaced WEAK results
  retested  first-attempt results that were WEAK and so re-tested

With -Y 1 Dieharder re-runs a test whose result was WEAK with more p-samples and prints its lines again;
such a re-run is recognised as a run of lines of the same test with more p-samples than the run just before.
"""
import re
import sys

LINE = re.compile(r"^\s*([A-Za-z0-9_]+)\|\s*(\d+)\|\s*(\d+)\|\s*(\d+)\|\s*([0-9.eE+-]+)\|\s*(PASSED|WEAK|FAILED)\s*$")


def summarize(path):
    groups = []  # each: name, psamples, [(ntup, index into final)]
    final = []
    first = []
    for raw in open(path, encoding="utf-8", errors="replace"):
        m = LINE.match(raw)
        if not m:
            continue
        name, ntup, psamples, verdict = m.group(1), int(m.group(2)), int(m.group(4)), m.group(6)
        if groups and groups[-1]["name"] == name and groups[-1]["psamples"] == psamples:
            group = groups[-1]
        else:
            prev = groups[-1] if groups else None
            retest = prev is not None and prev["name"] == name and prev["psamples"] < psamples
            group = {"name": name, "psamples": psamples, "lines": [], "retest": retest, "prev": prev}
            groups.append(group)
        if group["retest"]:
            # the k-th line with this ntup in the re-run replaces the k-th such line of the run before
            k = sum(1 for t, _ in group["lines"] if t == ntup)
            matches = [i for t, i in group["prev"]["lines"] if t == ntup]
            if k < len(matches):
                index = matches[k]
                final[index] = verdict
                group["lines"].append((ntup, index))
                continue
            # no counterpart: count it as a result of its own
        final.append(verdict)
        first.append(verdict)
        group["lines"].append((ntup, len(final) - 1))
    return (len(first), final.count("PASSED"), final.count("WEAK"), final.count("FAILED"), first.count("WEAK"))


if __name__ == "__main__":
    print(*summarize(sys.argv[1]))
