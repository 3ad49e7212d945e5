#!/usr/bin/env python3
"""One-off migration: move the "B is wrong: ..." sentences of each explanation into the question's
per-option `why:` map, so review can show each reason beside its option under the letter the
candidate saw. Text-based so the files keep their layout; prints the questions it could not split
cleanly (a letter still named in the remaining text) for a person to finish.

usage: tools/split_why.py FILE.yaml...
"""
import re
import sys
import textwrap

MARK = re.compile(r"\b([A-F])(?:,? and ([A-F]))? (?:is|are) wrong:?\s*")


def split(expl):
    ms = list(MARK.finditer(expl))
    if not ms:
        return expl, {}
    head = expl[: ms[0].start()].strip()
    why = {}
    for i, m in enumerate(ms):
        end = ms[i + 1].start() if i + 1 < len(ms) else len(expl)
        body = " ".join(expl[m.end():end].split())
        body = body[0].upper() + body[1:] if body else body
        for k in filter(None, (m.group(1), m.group(2))):
            why[k] = body if k not in why else why[k] + " " + body
    return head, why


def yaml_block(text, indent):
    pad = " " * indent
    return "".join(pad + line + "\n" for line in textwrap.wrap(text, 104 - indent, break_long_words=False, break_on_hyphens=False))


def main():
    leftovers = []
    for path in sys.argv[1:]:
        lines = open(path, encoding="utf-8").read().split("\n")
        out = []
        i = 0
        qid = None
        while i < len(lines):
            line = lines[i]
            m = re.match(r"  - id: (\S+)", line)
            if m:
                qid = m.group(1)
            if line == "    explanation: |":
                j = i + 1
                body = []
                while j < len(lines) and (lines[j].startswith("      ") or lines[j] == ""):
                    body.append(lines[j][6:])
                    j += 1
                while body and body[-1] == "":
                    body.pop()
                    j -= 1
                # keep paragraph breaks of the head; why bodies are reflowed
                raw = "\n".join(body)
                head, why = split(raw)
                if not why:
                    out.append(line)
                    i += 1
                    continue
                out.append(line)
                for para in re.split(r"\n\s*\n", head):
                    out.append(yaml_block(" ".join(para.split()), 6).rstrip("\n"))
                    out.append("")
                out.pop()
                out.append("    why:")
                for k in sorted(why):
                    out.append(f"      {k}: >-")
                    out.append(yaml_block(why[k], 8).rstrip("\n"))
                if re.search(r"\b(?<!Part )(?<!Schedule )[A-F] (is|are) (correct|right|wrong)|\b(option|choice|answer) [A-F]\b", head + " ".join(why.values())):
                    leftovers.append(f"{path}: {qid}")
                i = j
                continue
            out.append(line)
            i += 1
        open(path, "w", encoding="utf-8").write("\n".join(out))
    for l in leftovers:
        print("check:", l)


if __name__ == "__main__":
    main()
