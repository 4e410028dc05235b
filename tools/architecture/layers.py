#!/usr/bin/env python3
"""Draws the layers of the Symbolic library from the code's own dependency graph.

Reads the layer table (tools/architecture/layers.txt, the table the architecture test checks), finds which
layer each source file of Symbolic/ belongs to (its namespace; in the root namespace, the type the file is
named after) and which layers it references (using directives, qualified names, root types by name), and
writes Graphviz DOT: one row per rank, highest on top, an arrow per dependency between layers. An arrow the
table does not allow is red. Renders SVG with `dot` when it is installed.

    python3 tools/architecture/layers.py            # writes docs/architecture/layers.dot and layers.svg

Exit status 1 when an edge is against the order. Python 3 standard library only.
"""
import os
import re
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def read_table(path):
    """The layers [(rank, name, namespaces, types, may_use)]."""
    layers = []
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        columns = [c.strip() for c in line.split("|")]
        members = columns[2].split()
        layers.append((int(columns[0]), columns[1],
                       [m[:-2] for m in members if m.endswith(".*")],
                       [m for m in members if not m.endswith(".*")],
                       [] if columns[3] == "-" else columns[3].split()))
    return layers


def layer_of(layers, namespace, type_name):
    """The layer of a type: listed by full name, else by namespace (or a namespace above it)."""
    full = namespace + "." + type_name
    for _, name, _, types, _ in layers:
        if full in types:
            return name
    for _, name, namespaces, _, _ in layers:
        if any(namespace == n or namespace.startswith(n + ".") for n in namespaces):
            return name
    return None


def source_files(library):
    for folder, subfolders, files in os.walk(library):
        subfolders[:] = [d for d in subfolders if d not in ("bin", "obj")]
        for name in files:
            if name.endswith(".cs"):
                yield os.path.join(folder, name)


def without_comments_and_strings(source):
    code = re.sub(r"//.*", "", source)
    code = re.sub(r"/\*.*?\*/", "", code, flags=re.S)
    return re.sub(r'@?"(?:[^"\\]|\\.)*"', '""', code)


def references(code, layers, own):
    """The layers a file's code names: namespaces by using or qualification, root types by name."""
    found = set()
    for _, name, namespaces, types, _ in layers:
        if name == own:
            continue
        for namespace in namespaces:
            short = namespace.split(".", 1)[1] if "." in namespace else namespace
            if re.search(r"\busing\s+(static\s+)?%s\b" % re.escape(namespace), code) \
                    or re.search(r"\b%s\." % re.escape(namespace), code) \
                    or re.search(r"(?<![\w.])%s\.[A-Z]\w*" % re.escape(short), code):
                found.add(name)
        for full in types:
            if re.search(r"(?<![\w.])%s\b" % re.escape(full.rsplit(".", 1)[1]), code):
                found.add(name)
    return found


def edges_of(library, layers):
    edges = {}
    for path in source_files(library):
        source = open(path, encoding="utf-8").read()
        match = re.search(r"^namespace\s+([\w.]+)", source, re.M)
        type_name = re.sub(r"\{.*\}", "", os.path.basename(path)).split(".")[0]
        own = layer_of(layers, match.group(1) if match else "", type_name)
        if own is None:
            continue
        for target in references(without_comments_and_strings(source), layers, own):
            edges.setdefault((own, target), []).append(os.path.relpath(path, library))
    return edges


def dot(layers, edges):
    may_use = {name: set(uses) for _, name, _, _, uses in layers}
    rank_of = {name: rank for rank, name, *_ in layers}
    lines = ["digraph layers {",
             '  graph [rankdir=TB, nodesep=0.35, ranksep=0.55, fontname="Helvetica", label="Symbolic: layers (top uses bottom); '
             'red = against the order", labelloc=t, fontsize=12];',
             '  node [shape=box, style="rounded,filled", fillcolor="#eef3fb", fontname="Helvetica", fontsize=11];',
             '  edge [color="#7a869a", arrowsize=0.6];']
    ranks = sorted({rank for rank, *_ in layers})
    # A ladder of invisible rank nodes, highest on top, pins every layer to its row whatever the real edges are.
    for rank in ranks:
        names = [name for r, name, *_ in layers if r == rank]
        lines.append('  { rank=same; "rank %d" [style=invis, shape=point, width=0]; %s }' % (rank, " ".join('"%s"' % n for n in names)))
    for upper, lower in zip(reversed(ranks), list(reversed(ranks))[1:]):
        lines.append('  "rank %d" -> "rank %d" [style=invis];' % (upper, lower))
    bad = []
    for (source, target), files in sorted(edges.items()):
        if target in may_use[source]:
            # An allowed edge to a row not below (the façade builds Optimization's batch gradients) must not move rows.
            upward = rank_of[target] >= rank_of[source]
            lines.append('  "%s" -> "%s"%s;' % (source, target, " [constraint=false]" if upward else ""))
        else:
            bad.append((source, target, files))
            lines.append('  "%s" -> "%s" [color=red, penwidth=2.5, constraint=false, tooltip="%s"];' % (source, target, ", ".join(files)))
    lines.append("}")
    return "\n".join(lines) + "\n", bad


def main():
    layers = read_table(os.path.join(ROOT, "tools", "architecture", "layers.txt"))
    edges = edges_of(os.path.join(ROOT, "Symbolic"), layers)
    text, bad = dot(layers, edges)
    output = os.path.join(ROOT, "docs", "architecture")
    os.makedirs(output, exist_ok=True)
    with open(os.path.join(output, "layers.dot"), "w", encoding="utf-8") as f:
        f.write(text)
    if shutil.which("dot"):
        subprocess.run(["dot", "-Tsvg", os.path.join(output, "layers.dot"), "-o", os.path.join(output, "layers.svg")], check=True)
    else:
        print("dot (Graphviz) is not installed: wrote layers.dot only", file=sys.stderr)
    for source, target in sorted(edges):
        flag = "" if target in {u for _, n, _, _, us in layers if n == source for u in us} else "  AGAINST THE ORDER"
        print("%16s -> %s%s" % (source, target, flag))
    for source, target, files in bad:
        print("against the order: %s -> %s in %s" % (source, target, ", ".join(sorted(files))), file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
