#!/usr/bin/env python3
"""Where the Immutable analyzers' CPU goes inside one csc run (issue 16).
Reads `perf script -F tid,ip,sym` output of csc runs (JIT frames named through DOTNET_PerfMapEnabled) and prints, per
run, the share of CPU samples whose stack holds a frame of our analyzers (everything they call included: Roslyn
symbol and operation APIs, binding they trigger), split by rule (the outermost analyzer class on the stack), and the
share under Roslyn's analyzer executor (all analyzers, the SDK's included). A within-run ratio: machine load stretches
the numerator and the denominator alike, unlike CPU seconds compared across runs.
Usage: analyzers-profile.py LABEL=perf-script.txt ...
"""
import collections
import re
import sys

RULES = {
    "MutableMemberAnalyzer": "IMM0001", "MutableMemberTypeAnalyzer": "IMM0002", "ImmutableHierarchyAnalyzer": "IMM0003",
    "GlobalMutableStateAnalyzer": "IMM0004", "ContainerPatchedInPlaceAnalyzer": "IMM0005",
    "HostPatchedOverSshAnalyzer": "IMM0006", "RuntimePackageInstallAnalyzer": "IMM0007",
    "MutableImageReferenceAnalyzer": "IMM0008", "AppDirectoryWriteAnalyzer": "IMM0009",
}
RULE_FRAME = re.compile(r"Immutable\.Analyzers\.(?:Code|Infrastructure)\.(\w+)")


def stacks(path):
    """Yields each sample's frames, leaf first (perf script: a header line, tab-indented frames, a blank line)."""
    frames = None
    with open(path, errors="replace") as lines:
        for line in lines:
            if not line.strip():
                if frames is not None:
                    yield frames
                frames = None
            elif not line.startswith("\t"):
                frames = []
            elif frames is not None:
                parts = line.strip().split(None, 1)
                frames.append(parts[1] if len(parts) > 1 else "?")
    if frames:
        yield frames


def profile(path):
    total = ours = executor = 0
    rules = collections.Counter()
    for frames in stacks(path):
        total += 1
        executor += any("AnalyzerExecutor" in f for f in frames)
        own = [f for f in frames if "Immutable.Analyzers" in f]
        if not own:
            continue
        ours += 1
        rule = "shared"
        for frame in reversed(own):  # the outermost frame that names an analyzer class
            match = RULE_FRAME.search(frame)
            if match:
                rule = RULES.get(match.group(1), match.group(1))
                break
        rules[rule] += 1
    return total, ours, executor, rules


def main(arguments):
    if not arguments:
        sys.exit(__doc__)
    runs = {}
    for argument in arguments:
        label, _, path = argument.partition("=")
        runs[label] = profile(path)
    pct = lambda part, whole: f"{part} ({100.0 * part / max(whole, 1):.2f} %)"
    print("| samples (499 Hz) | " + " | ".join(f"{label}: {r[0]}" for label, r in runs.items()) + " |")
    print("| --- | " + " | ".join("---:" for _ in runs) + " |")
    print("| analyzer executor, all analyzers | " + " | ".join(pct(r[2], r[0]) for r in runs.values()) + " |")
    print("| **our analyzers' frames** | " + " | ".join("**" + pct(r[1], r[0]) + "**" for r in runs.values()) + " |")
    for rule in sorted(set(RULES.values()) | {k for r in runs.values() for k in r[3]}):
        print(f"| {rule} | " + " | ".join(pct(r[3][rule], r[0]) for r in runs.values()) + " |")


if __name__ == "__main__":
    main(sys.argv[1:])
