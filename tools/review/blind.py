#!/usr/bin/env python3
"""Blind re-answer support for question-bank reviews (docs/content-review.md).

An independent reviewer must answer every item from its stem alone, never seeing the key, the
explanation, the per-option reasons or the references. This tool makes that possible:

  blind.py sheet BANK.yaml...            > sheet.md     # stems, case records and options only
  blind.py check ANSWERS.txt BANK.yaml...               # compare the reviewer's answers with the keys
  blind.py sheet --only ID,ID BANK.yaml...               # (and check) only those items: a re-answer

ANSWERS.txt holds one line per item, `ID: ANSWER`, where ANSWER is a letter (`B`), a set of letters
for multiple-answer items (`A,C`), or for code-entry items the codes in order separated by spaces
(`K35.30 I10 0DTJ4ZZ`). Anything after ` # ` on a line is the reviewer's comment and is echoed in the
disagreement report. `check` prints every disagreement and missing answer and exits 1 if any.
"""
import sys

import yaml


def load(paths):
    """Questions in file order, with each bank's cases resolved by id."""
    items = []
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            doc = yaml.safe_load(handle) or {}
        if not isinstance(doc.get("questions"), list):
            continue  # a blueprint (its `questions` is the form's count), not a bank
        cases = {c["id"]: c for c in doc.get("cases", []) or []}
        for q in doc["questions"]:
            if ONLY is not None and q.get("id") not in ONLY:
                continue
            q = dict(q)
            q["_file"] = path
            q["_case"] = cases.get(q.get("case"))
            items.append(q)
    return items


def sheet(paths):
    shown_cases = set()
    for q in load(paths):
        case = q["_case"]
        if case and case["id"] not in shown_cases:
            shown_cases.add(case["id"])
            print(f"\n### Case {case['id']}: {case.get('title', '')}\n")
            print("```")
            print(case.get("text", "").rstrip())
            print("```")
        print(f"\n## {q['id']}" + (f" (case {case['id']})" if case else ""))
        if q.get("kind") == "code-entry":
            entry = q.get("entry", {}) or {}
            print(f"[code entry: type the codes in order; systems {entry.get('systems')}; code {entry.get('code')}]")
        elif isinstance(q.get("answer"), list):
            print(f"[choose {len(q['answer'])} answers]")
        print()
        print(str(q.get("stem", "")).rstrip())
        for letter, text in (q.get("choices") or {}).items():
            print(f"  {letter}. {text}")


def normalise(q, raw):
    if q.get("kind") == "code-entry":
        return [c.strip().upper() for c in raw.replace(",", " ").split() if c.strip()]
    return sorted(x.strip().upper() for x in raw.replace(" ", ",").split(",") if x.strip())


def key_of(q):
    ans = q.get("answer")
    if q.get("kind") == "code-entry":
        return [str(c).upper() for c in ans]
    if isinstance(ans, list):
        return sorted(str(a).upper() for a in ans)
    return [str(ans).upper()]


def check(answer_path, paths):
    given = {}
    with open(answer_path, encoding="utf-8") as handle:
        for line in handle:
            text, _, comment = line.partition(" # ")
            if ":" not in text:
                continue
            qid, _, ans = text.partition(":")
            given[qid.strip()] = (ans.strip(), comment.strip())
    bad = 0
    items = load(paths)
    for q in items:
        if q["id"] not in given:
            print(f"{q['_file']}: {q['id']}: no answer given")
            bad += 1
            continue
        raw, comment = given[q["id"]]
        mine, key = normalise(q, raw), key_of(q)
        if q.get("kind") == "code-entry":
            same = mine == key
        else:
            same = mine == key
        if not same:
            bad += 1
            note = f"  # {comment}" if comment else ""
            print(f"{q['_file']}: {q['id']}: reviewer {' '.join(mine)} vs key {' '.join(key)}{note}")
    print(f"{len(items)} items, {len(items) - bad} agree, {bad} disagree or missing")
    return 1 if bad else 0


def only(argv):
    """`--only ID,ID,...` anywhere in the arguments limits a sheet or a check to those items (a
    re-answer of the items changed after the first blind pass)."""
    global ONLY
    if "--only" in argv:
        i = argv.index("--only")
        ONLY = set(argv[i + 1].split(","))
        return argv[:i] + argv[i + 2 :]
    return argv


ONLY = None


def main(argv):
    argv = only(argv)
    if len(argv) >= 2 and argv[1] == "sheet":
        sheet(argv[2:])
        return 0
    if len(argv) >= 3 and argv[1] == "check":
        return check(argv[2], argv[3:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
