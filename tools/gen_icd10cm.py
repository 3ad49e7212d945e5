#!/usr/bin/env python3
"""Build proctor's ICD-10-CM code book from the CDC tabular XML.

Usage (re-runnable; the output is byte-for-byte deterministic):

    pip install simple-icd-10-cm==1.5.0
    python3 tools/gen_icd10cm.py

The `simple-icd-10-cm` 1.5.0 package is used only as a carrier of the CDC files (FY2026, April 1,
2026 release): `icd10c-tabular-April-1-2026.xml` (the tabular list) and `code-list-April-2026.txt`
(every code that exists). This script parses the XML itself, so that what ships does not depend on
the library's choices, then cross-checks the result against the library and prints the counts.

Output: `question-banks/codesets/icd10cm-2026.tsv.gz`, read by `src/codeset/`. The format is
described in docs/codeset.md and in the comment lines at the top of the file. Descriptions and notes
are CDC's text verbatim (a condition of CDC's terms); the only change is that a control character
(a tab inside a few notes) and the whitespace around it become one space, so that the data stays
one record per line.
"""

import gzip
import importlib.resources
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

XML_NAME = "icd10c-tabular-April-1-2026.xml"
CODE_LIST_NAME = "code-list-April-2026.txt"
OUT = Path(__file__).resolve().parent.parent / "question-banks/codesets/icd10cm-2026.tsv.gz"
FORMAT_LINE = "#proctor-codeset 1\ticd10cm\t2026-04"

# Tabular note elements kept, by their XML tag (also their name in the data file).
NOTE_TAGS = (
    "includes", "inclusionTerm", "excludes1", "excludes2", "codeFirst",
    "useAdditionalCode", "codeAlso", "notes", "sevenChrNote",
)
CONTROL = re.compile(r"\s*[\x00-\x1f\x7f]+\s*")


class Stats:
    cleaned = 0  # texts in which a control character was replaced
    rejected_7th = 0  # 7th-character combinations absent from the code list


def clean(text):
    """CDC's text, trimmed, with control characters (and whitespace around them) as one space."""
    out = CONTROL.sub(" ", text).strip()
    if out != text.strip():
        Stats.cleaned += 1
    if not out or re.search(r"[\x00-\x1f\x7f]", out):
        sys.exit(f"unusable text in the XML: {text!r}")
    return out


def data_dir():
    try:
        return importlib.resources.files("simple_icd_10_cm") / "data"
    except ModuleNotFoundError:
        sys.exit("simple-icd-10-cm is not installed: pip install simple-icd-10-cm==1.5.0")


class Node:
    def __init__(self, kind, code, parent, desc):
        self.kind, self.code, self.parent, self.desc = kind, code, parent, desc
        self.notes = []  # (tag, text) or ("sevenChrDef", char, text)
        self.children = []

    @property
    def billable(self):
        return self.kind in ("ca", "sc", "x7") and not self.children


def read_notes(elem, node):
    """Notes of one chapter/section/diag, in XML order; returns its 7th-character rule, if any."""
    seven = None
    for sub in elem:
        if sub.tag in NOTE_TAGS:
            for note in sub:
                if note.tag == "note" and note.text:
                    node.notes.append((sub.tag, clean(note.text)))
        elif sub.tag == "sevenChrDef":
            seven, last = [], None
            for ext in sub:
                if ext.tag == "extension":
                    last = ext.attrib["char"]
                    seven.append((last, clean(ext.text or "")))
                    node.notes.append(("sevenChrDef", last, seven[-1][1]))
                elif ext.tag == "note" and last is not None and ext.text:
                    # A note under one 7th character (e.g. "initial encounter for open fracture NOS"):
                    # kept as a note, never glued onto generated descriptions.
                    node.notes.append(("sevenChrDef", last, clean(ext.text)))
    return seven


def walk_diag(elem, parent, rule, confirmed, out):
    code = elem.find("name").text.strip()
    kind = "ca" if parent.kind == "bl" else "sc"
    node = Node(kind, code, parent.code, clean(elem.find("desc").text))
    parent.children.append(node)
    out.append(node)
    rule = read_notes(elem, node) or rule
    for sub in elem.findall("diag"):
        walk_diag(sub, node, rule, confirmed, out)
    if not node.children and rule:
        # As the library does: pad to six characters with the placeholder X, add each 7th
        # character, and keep only combinations that exist in CDC's code list.
        base = code if len(code) > 3 else code + "."
        base = base.ljust(7, "X")
        for char, meaning in rule:
            full = base + char
            if full.replace(".", "") not in confirmed:
                Stats.rejected_7th += 1
                continue
            child = Node("x7", full, code, f"{node.desc}, {meaning}")
            node.children.append(child)
            out.append(child)


def build(root, confirmed):
    out = []
    for chapter in root.findall("chapter"):
        ch = Node("ch", chapter.find("name").text.strip(), "", clean(chapter.find("desc").text))
        read_notes(chapter, ch)
        out.append(ch)
        for section in chapter.findall("section"):
            bl = Node("bl", section.attrib["id"].strip(), ch.code, clean(section.find("desc").text))
            read_notes(section, bl)
            ch.children.append(bl)
            out.append(bl)
            for diag in section.findall("diag"):
                walk_diag(diag, bl, None, confirmed, out)
    return out


def lines(nodes):
    yield FORMAT_LINE
    yield "# ICD-10-CM FY2026 (April 1, 2026 release), from CDC's icd10c-tabular-April-1-2026.xml."
    yield "# Source: CDC/NCHS. ICD-10 (c) World Health Organization. Use of this material does not imply"
    yield "# endorsement by CDC, HHS or the U.S. Government. It is available free of charge from CDC."
    yield "# Generated by tools/gen_icd10cm.py; format in docs/codeset.md. Do not edit by hand."
    yield "# kind\tcode\tparent\tbillable\tdescription  (kind: ch chapter, bl block, ca category,"
    yield "#   sc subcategory or code, x7 code built from a 7th-character rule)"
    yield "# +\tnoteKind\ttext  or  +\tsevenChrDef\tchar\ttext: a note of the record above"
    for n in nodes:
        yield "\t".join((n.kind, n.code, n.parent, "1" if n.billable else "0", n.desc))
        for note in n.notes:
            yield "\t".join(("+",) + note)


def cross_check(nodes):
    """Compare with the library's own tree; report differences instead of hiding them."""
    import simple_icd_10_cm as cm

    ours = {n.code: n for n in nodes if n.kind not in ("ch", "bl")}
    lib = {c for c in cm.get_all_codes() if not (cm.is_chapter(c) or cm.is_block(c) and c not in ours)}
    if set(ours) != lib:
        sys.exit(f"code sets differ from the library: {sorted(set(ours) ^ lib)[:10]}")
    leaf_diff = [c for c, n in ours.items() if n.billable != cm.is_leaf(c)]
    if leaf_diff:
        sys.exit(f"billable flags differ from the library's leaves: {leaf_diff[:10]}")
    desc_diff = [c for c, n in ours.items() if n.desc != cm.get_description(c)]
    return desc_diff


def main():
    folder = data_dir()
    confirmed = {line.split(" ")[0].replace(".", "") for line in
                 (folder / CODE_LIST_NAME).read_text(encoding="utf-8").split("\n") if line}
    root = ET.fromstring((folder / XML_NAME).read_text(encoding="utf-8"))
    nodes = build(root, confirmed)
    text = "\n".join(lines(nodes)) + "\n"
    if re.search(r"[\x00-\x08\x0b-\x1f\x7f]", text):
        sys.exit("control character in the output")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as gz:
            gz.write(text.encode("utf-8"))

    count = lambda kind: sum(1 for n in nodes if n.kind == kind)
    billable = sum(1 for n in nodes if n.billable)
    codes = sum(1 for n in nodes if n.kind in ("ca", "sc", "x7"))
    print(f"wrote {OUT} ({OUT.stat().st_size:,} bytes gzip, {len(text.encode()):,} bytes text)")
    print(f"chapters {count('ch')}, blocks {count('bl')}, categories {count('ca')}, "
          f"subcategories and codes {count('sc')}, 7th-character codes {count('x7')}")
    print(f"codes (category and below) {codes:,}: billable {billable:,}, headers {codes - billable:,}")
    print(f"empty blocks (section headings with no codes) {sum(1 for n in nodes if n.kind == 'bl' and not n.children)}")
    print(f"notes {sum(len(n.notes) for n in nodes):,}; texts with a control character replaced {Stats.cleaned}; "
          f"7th-character combinations not in CDC's code list (skipped) {Stats.rejected_7th:,}")
    try:
        desc_diff = cross_check(nodes)
    except ImportError:
        print("library not importable: cross-check skipped")
        return
    print(f"cross-check with simple-icd-10-cm: same codes and leaves; {len(desc_diff):,} descriptions differ "
          f"(the library glues sevenChrDef notes onto them), e.g. {desc_diff[:2]}")


if __name__ == "__main__":
    main()
