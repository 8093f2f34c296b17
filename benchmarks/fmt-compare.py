#!/usr/bin/env python3
"""Compares `idx fmt --stdout` and `idx check` of two idx binaries over a corpus.

    benchmarks/fmt-compare.py BASE_IDX NEW_IDX [WORKDIR]

The corpus: every .idx file of the repository; a generated methodology of about 1 MB (the
shape of benchmarks/Sources/SyntheticMethodology.swift); the repository's parsing files joined
into one file of about 250 KB (every construct, past the size where `idx fmt` cuts a file into
parts); each with three white-space variants (indentation removed, CRLF, widened `:` and blank
lines) and four random three-byte mutants, and 40 more mutants of each large file. Prints the
number of inputs, how many formatted, and every input whose stdout, stderr or exit code differ;
exits 1 if any did.
"""
import os
import random
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MUTATION_BYTES = b'{}():,."%=+-*/\n #abc019'


def generated():
    """A synthetic methodology: an index, data, 20 dimensions, 330 pillars, 6,600 indicators."""
    indicators, pillars, dimensions = 6600, 330, 20
    lines = ["// synthetic", "", "/// Synthetic index.",
             'index synthetic "Synthetic benchmark index" {', '  version:   "2026.1"',
             "  period:    2025", "  aggregate: arithmetic", "  members {"]
    names = ["D%02d" % (d + 1) for d in range(dimensions)]
    for s in range(0, dimensions, 10):
        lines.append("    " + ", ".join(names[s:s + 10]))
    lines += ["  }", "}", "", "/// data", 'data d = csv("data.csv") {', "  key:    entity",
              "  period: year", "}"]
    per_dimension = pillars // dimensions
    for d in range(dimensions):
        lines += ["", "// ── dimension %d " % (d + 1) + "─" * 60, "/// Dimension %d" % (d + 1),
                  'dimension D%02d "Dimension %d" {' % (d + 1, d + 1), "  members {"]
        members = ["p%04d" % (d * per_dimension + k + 1) for k in range(per_dimension)]
        for s in range(0, len(members), 5):
            lines.append("    " + ", ".join(members[s:s + 5]))
        lines += ["  }", "}"]
    per_pillar = indicators // pillars
    for p in range(pillars):
        lines += ["", "// pillar %d" % (p + 1),
                  'dimension p%04d "Pillar %d" {' % (p + 1, p + 1), "  members {"]
        members = ["i%05d" % (p * per_pillar + k + 1) for k in range(per_pillar)]
        for s in range(0, len(members), 10):
            lines.append("    " + ", ".join(members[s:s + 10]))
        lines += ["  }", "}"]
        for i in range(p * per_pillar, (p + 1) * per_pillar):
            if i % 2 == 0:
                lines.append("/// Synthetic indicator %d, from column c%05d." % (i + 1, i + 1))
            lines.append('indicator i%05d "Indicator %d" {' % (i + 1, i + 1))
            column = "d.c%05d" % (i + 1)
            lines.append("  value:     " + ("log(%s + 1) * 10" % column if i % 10 == 9 else column))
            lines.append("  direction: %s, normalize: minmax(0, 100)"
                         % ("lower" if i % 5 == 4 else "higher"))
            lines.append("}")
    return ("\n".join(lines) + "\n").encode()


def joined(tree):
    """The repository's files that should parse, joined until the result passes 250 KB."""
    folders = ["methodologies", "Tests/IndexLanguageTests/Syntax/testdata/valid",
               "Tests/IndexLanguageTests/Format/testdata"]
    once = b""
    for folder in folders:
        path = os.path.join(tree, folder)
        for name in sorted(os.listdir(path)):
            if name.endswith(".idx") and not name.endswith(".formatted.idx"):
                data = open(os.path.join(path, name), "rb").read()
                if b"\r" not in data:
                    once += data + b"\n"
    data = once
    while len(data) < 250_000:
        data += once
    return data


def mutate(data, rng):
    buffer = bytearray(data)
    for _ in range(3):
        if not buffer:
            break
        i = rng.randrange(len(buffer))
        operation = rng.randrange(3)
        if operation == 0:
            del buffer[i]
        elif operation == 1:
            buffer.insert(i, rng.choice(MUTATION_BYTES))
        else:
            buffer[i] = rng.choice(MUTATION_BYTES)
    return bytes(buffer)


def corpus(work):
    tree = os.path.join(work, "tree")
    if os.path.exists(tree):
        shutil.rmtree(tree)
    os.makedirs(tree)
    subprocess.run("git ls-files -z | xargs -0 cp --parents -t '%s'" % tree, shell=True,
                   check=True, cwd=ROOT)
    open(os.path.join(tree, "generated.idx"), "wb").write(generated())
    open(os.path.join(tree, "joined.idx"), "wb").write(joined(tree))
    files = sorted(os.path.join(folder, name) for folder, _, names in os.walk(tree)
                   for name in names if name.endswith(".idx"))
    rng = random.Random(5)
    inputs = []
    for path in files:
        data = open(path, "rb").read()
        inputs.append(path)
        variants = [
            b"\n".join(line.lstrip() for line in data.split(b"\n")),
            data.replace(b"\n", b"\r\n"),
            data.replace(b": ", b":   ").replace(b"\n\n", b"\n\n\n"),
        ]
        large = len(data) > 200_000
        variants += [mutate(data, rng) for _ in range(44 if large else 4)]
        for k, variant in enumerate(variants):
            variant_path = "%s.v%d.idx" % (path[:-4], k)
            open(variant_path, "wb").write(variant)
            inputs.append(variant_path)
    return inputs


def run(binary, path):
    folder, name = os.path.split(path)
    results = []
    for command in (["fmt", "--stdout", name], ["check", name]):
        done = subprocess.run([binary] + command, cwd=folder, capture_output=True, timeout=120)
        results.append((done.stdout, done.stderr, done.returncode))
    return results


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    base, new = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    work = sys.argv[3] if len(sys.argv) > 3 else "/tmp/idx-fmt-compare"
    inputs = corpus(work)
    differ, formatted = [], 0
    for path in inputs:
        expected, got = run(base, path), run(new, path)
        if expected != got:
            differ.append(path)
            print("differs:", os.path.relpath(path, work))
        if got[0][2] == 0:
            formatted += 1
    print("%d inputs, %d format, %d refused; %d differ"
          % (len(inputs), formatted, len(inputs) - formatted, len(differ)))
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
