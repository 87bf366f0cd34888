#!/usr/bin/env python3
"""Extract the 140-item catalogue from the seed text into src/KuaSheng.Domain/Data/catalogue.json.

Re-runnable and deterministic: the same text gives byte-identical JSON. Stdlib only.
Usage: python3 ops/data/catalogue-from-seed.py [--check]   (--check: fail if the JSON is stale)

Table layout in the seed: a line "\t<seq>" starts a row; each following "\t..." line starts a
cell; a line without a leading tab continues the previous cell (the PDF broke it there).
"""
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCE = "docs/source/qijiang-kuasheng-plan-2021.txt"
OUTPUT = ROOT / "src/KuaSheng.Domain/Data/catalogue.json"

# Batch headings of the attachment; the number in （N项） is cross-checked against the rows.
HEADINGS = [
    (1, "一、2020年底前实现“跨省通办”的事项", 58),
    (2, "二、2021年底前实现“跨省通办”的事项", 74),
    (3, "三、2021年以后实现“跨省通办”的事项", 8),
]
END_MARK = "注："  # the closing note after batch 3
NO_UNIT = "--"
COOP_IN_LEAD = re.compile(r"^(?P<lead>[^（]+)（配合单位：(?P<coop>[^）]+)）$")
BRACKET = re.compile(r"（([^）]*)）")


def fail(msg):
    sys.exit(f"catalogue-from-seed: {msg}")


def sections(lines):
    """Yield (batch, expected count, lines of that batch) using the heading lines as bounds."""
    starts = []
    for batch, heading, expected in HEADINGS:
        idx = [i for i, l in enumerate(lines) if l.startswith(heading)]
        if len(idx) != 1:
            fail(f"heading {heading!r} found {len(idx)} times")
        m = re.search(r"（(\d+)项）", lines[idx[0]])
        if not m or int(m.group(1)) != expected:
            fail(f"heading {heading!r} does not announce {expected} items")
        starts.append((batch, expected, idx[0]))
    end = next((i for i, l in enumerate(lines) if l.startswith(END_MARK) and i > starts[-1][2]), None)
    if end is None:
        fail("closing note 注： not found after batch 3")
    bounds = [s[2] for s in starts[1:]] + [end]
    for (batch, expected, start), stop in zip(starts, bounds):
        yield batch, expected, lines[start + 1:stop]


def rows(section):
    """Split a section into rows: (seq, [cell text, ...]) with broken lines joined without a separator."""
    out = []
    cells = None
    for line in section:
        m = re.fullmatch(r"\t(\d+)", line)
        if m:
            cells = []
            out.append((int(m.group(1)), cells))
        elif cells is None:
            continue  # header rows before the first item
        elif line.startswith("\t"):
            cells.append(line[1:].strip())
        elif line.strip():
            if not cells:
                fail(f"continuation line {line!r} before any cell")
            cells[-1] += line.strip()  # Chinese text: a PDF line break carries no space
    return out


def split_list(text):
    return [p.strip() for p in text.split("、") if p.strip()]


def parse_units(text):
    """Unit cell -> (units, notes): bracketed notes and text after the first top-level '，' are notes."""
    if text == NO_UNIT:
        return [], []
    notes = BRACKET.findall(text)
    bare = BRACKET.sub("", text)
    head, *tail = bare.split("，")
    notes += [t.strip() for t in tail if t.strip()]
    units = split_list(head)
    if not units or any(c in u for u in units for c in "（）()，-"):
        fail(f"cannot split unit cell {text!r}")
    return units, [n.strip() for n in notes if n.strip()]


def item(batch, seq, cells):
    want = 5
    if len(cells) != want:
        fail(f"{batch}-{seq}: {len(cells)} cells, expected {want}: {cells!r}")
    if batch == 3:  # seq, name, scenario, city lead, district units, deadline
        name, scenario, lead, units_text, deadline = cells
        m = COOP_IN_LEAD.match(lead)
        lead, coop = (m.group("lead"), split_list(m.group("coop"))) if m else (lead, [])
    else:  # seq, name, scenario, lead, cooperating, district units
        name, scenario, lead, coop_text, units_text = cells
        coop, deadline = split_list(coop_text), None
    for label, value in (("name", name), ("scenario", scenario), ("cityLead", lead), ("units", units_text)):
        if not value:
            fail(f"{batch}-{seq}: empty {label}")
    units, notes = parse_units(units_text)
    return {
        "code": f"{batch}-{seq}",
        "batch": batch,
        "seq": seq,
        "name": name,
        "scenario": scenario,
        "cityLead": lead,
        "cityCooperating": coop,
        "districtUnitsText": units_text,
        "districtUnits": units,
        "notes": notes,
        "deadlineText": deadline,
    }


def build():
    text = (ROOT / SOURCE).read_text(encoding="utf-8")
    items = []
    for batch, expected, section in sections(text.split("\n")):
        found = rows(section)
        seqs = [s for s, _ in found]
        if seqs != list(range(1, expected + 1)):
            fail(f"batch {batch}: {len(seqs)} rows with seqs {seqs}, expected 1..{expected}")
        items += [item(batch, seq, cells) for seq, cells in found]
    items.sort(key=lambda i: (i["batch"], i["seq"]))
    if len(items) != 140:
        fail(f"{len(items)} items, expected 140")
    return json.dumps({"source": SOURCE, "items": items}, ensure_ascii=False, indent=2) + "\n"


def main():
    out = build()
    if "--check" in sys.argv[1:]:
        if not OUTPUT.exists() or OUTPUT.read_text(encoding="utf-8") != out:
            fail(f"{OUTPUT.relative_to(ROOT)} is stale; re-run without --check")
        print("catalogue.json is up to date")
        return
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(out, encoding="utf-8", newline="\n")
    print(f"wrote {OUTPUT.relative_to(ROOT)}: 140 items ({len(out.encode())} bytes)")


if __name__ == "__main__":
    main()
