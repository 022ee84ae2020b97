#!/usr/bin/env python3
"""Skeleton paragraph inventories (rules/paragraphs/*.paragraphs) for pligt.

What it reads
  The statute texts extracted from Retsinformation's XML by the project
  Ansvar-Systems/Danish-law-mcp (https://github.com/Ansvar-Systems/Danish-law-mcp),
  files data/seed/<year>_<nr>.json at commit
  7b40cb9c438a5b7267259d8b7ff0af3501a5cbc1 (the commit the rule files cite as
  7b40cb9c). Each file has provisions[] with `section` ("5", "155a", "60-61"
  for a repealed range), `content` (the whole § text, each stk. after the
  first starting with "Stk. N.") and, for most texts, `chapter`.
  By default the files are read with `git show COMMIT:data/seed/FILE.json`
  from the bare mirror /work/.mirror/Ansvar-Systems+Danish-law-mcp/repo;
  --dir reads copies instead (DIR/FILE.json or DIR/sel/FILE.json).

  Barnets lov: LOV 721/2023, LBK 83/2024, LBK 890/2024, LBK 282/2025.
  Serviceloven: the 19 consolidations LBK 81/2011 .. LBK 1089/2023, limited
  to chapter 11 (§§ 46-75), § 76 (chapter 12, aftercare), § 78 (chapter 13,
  the committee's decision on private foster care), §§ 140-140 a,
  §§ 146-148 a and chapter 27 (§§ 152-155 c).

What it prints
  For each law a skeleton in the .paragraphs format: `law ID`, a `chapter`
  line before each chapter, and one line per stk. (a § with one stk. is
  labelled "§ N"), with the range of in-force dates in which that label
  exists in the texts, rules "-" and an empty note:
      § 5, stk. 3 | 2024-01-01 | - |
  A label whose text changed almost entirely between two consolidations (a
  renumbering: the number now names another rule) gets separate lines with
  disjoint ranges. The hand-written inventories add the rules and notes; this
  script is their provenance and does not reproduce them.
  With --labels DIR, each law's labels alone (DIR/<law>.labels): the test
  fixture tests/fixtures/statute/*.labels, against which the test suite
  checks that the inventories list every paragraph of the texts.

  The in-force date of each text is the `version` date of the rule files
  (rules/barnets_lov.pligt, rules/serviceloven.pligt): the consolidation's
  date, except that what LOV nr. 496 af 21/05/2013 put into LBK 1093/2013
  (§§ 49 b, 50-50 c, 51, 68 c, 71, 153, 155-155 b) takes effect on
  2013-10-01, and Serviceloven's chapter 11 ends on 2023-12-31. A provision
  reading "(Ophævet)" or "(Udelades)" does not exist in that text. LBK
  1093/2013's footnotes and the renaming of ministers are ignored when texts
  are compared.

  Known gap in the source: the seeds of LBK 81/2011, 904/2011 and 810/2012
  keep only one provision per § number (a lettered § replaced its number's
  text), so §§ 48, 52 a, 54 a, 57, 57 a, 57 b, 57 c, 68 a, 68 b and 148 are
  missing from some of them (§ 153 a too: LBK 1096/2010 had its text as
  § 153, stk. 4, and no 2011-2012 seed has it). For those the stk. list of
  the nearest later consolidation is used and a "# unconfirmed:" comment is
  printed.

  The texts carry no chapter headings; the headings below are from the
  acts' tables of contents (Barnets lov: LOV 721/2023 as listed by
  themis.dk; Serviceloven: LBK 1089/2023).

How to run
  python3 scripts/extract-paragraphs.py                     # both laws
  python3 scripts/extract-paragraphs.py --law serviceloven   # one law
  python3 scripts/extract-paragraphs.py --dir /tmp/research  # from copies
  python3 scripts/extract-paragraphs.py --repo PATH --commit SHA
Python 3.8+, standard library only.
"""

import argparse
import datetime
import difflib
import json
import os
import re
import subprocess
import sys

DEFAULT_REPO = "/work/.mirror/Ansvar-Systems+Danish-law-mcp/repo"
DEFAULT_COMMIT = "7b40cb9c438a5b7267259d8b7ff0af3501a5cbc1"

# (seed file, in force from, name)
BL_VERSIONS = [
    ("2023_721", "2024-01-01", "LOV 721/2023"),
    ("2024_83", "2024-01-25", "LBK 83/2024"),
    ("2024_890", "2024-06-19", "LBK 890/2024"),
    ("2025_282", "2025-03-17", "LBK 282/2025"),
]
SEL_VERSIONS = [
    ("2011_81", "2011-01-01", "LBK 81/2011"),
    ("2011_904", "2011-08-18", "LBK 904/2011"),
    ("2012_810", "2012-07-19", "LBK 810/2012"),
    ("2013_1093", "2013-09-05", "LBK 1093/2013"),
    ("2014_254", "2014-03-20", "LBK 254/2014"),
    ("2014_1023", "2014-09-23", "LBK 1023/2014"),
    ("2015_150", "2015-02-16", "LBK 150/2015"),
    ("2015_1053", "2015-09-08", "LBK 1053/2015"),
    ("2015_1284", "2015-11-17", "LBK 1284/2015"),
    ("2016_1270", "2016-10-24", "LBK 1270/2016"),
    ("2017_369", "2017-04-18", "LBK 369/2017"),
    ("2017_988", "2017-08-17", "LBK 988/2017"),
    ("2018_102", "2018-01-29", "LBK 102/2018"),
    ("2018_1114", "2018-08-30", "LBK 1114/2018"),
    ("2019_798", "2019-08-07", "LBK 798/2019"),
    ("2020_1287", "2020-08-28", "LBK 1287/2020"),
    ("2021_1548", "2021-07-01", "LBK 1548/2021"),
    ("2022_170", "2022-01-24", "LBK 170/2022"),
    ("2023_1089", "2023-08-16", "LBK 1089/2023"),
]
SEL_END = "2023-12-31"

# §§ whose LBK 1093/2013 text is LOV 496/2013's, in force 2013-10-01
# (LBK 1093/2013's footnotes name §§ 49 b, 50, stk. 3, 50 a-c, 51, stk. 2,
# 155 a and 155 b; the act's seed holds §§ 49 b, 50 c, 68 c and 155 a; § 71,
# stk. 4 (contact on abuse), § 153, stk. 3 (moved to § 155 b, stk. 2) and
# § 155 (24 hours) belong to the same act, as the rule file reads it).
SEL_L496 = {"49 b", "50", "50 a", "50 b", "50 c", "51", "68 c", "71", "153",
            "155", "155 a", "155 b"}
SEL_L496_FROM = "2013-10-01"

# §§ that existed in 2011-2012 but are missing from those seeds.
SEL_SEED_GAP = {"48", "52 a", "54 a", "57", "57 a", "57 b", "57 c", "68 a", "68 b",
                "148", "153 a"}
SEL_GAP_FILES = {"2011_81", "2011_904", "2012_810"}

BL_CHAPTERS = {
    1: "Formål og anvendelsesområde",
    2: "Barnets og den unges rettigheder samt principper og kommunalbestyrelsens forpligtelser",
    3: "Screening, afdækning og børnefaglig undersøgelse af barnets eller den unges behov",
    4: "Hjælp og støtte",
    5: "Anbringelse",
    6: "Videreførte og permanente anbringelser og adoption",
    7: "Hjælp til barnets forældre",
    8: "Hjælp og støtte til børn og unge med funktionsnedsættelser og deres familier",
    9: "Barnets plan",
    10: "Opfølgning og opgaver under anbringelsen",
    11: "Ophør af indsatser og hjemgivelse",
    12: "Samvær og kontakt",
    13: "Ungestøtte og overgang til voksenlivet",
    14: "Særlig hjælp og støtte til børn, der har været udsat for overgreb",
    15: "Dømte unge og unge i risiko for at begå kriminalitet",
    16: "Underretning",
    17: "Sagsbehandling og klage",
    18: "Haagerbørnebeskyttelseskonventionen",
    19: "Tilsyn med tilbud og betaling for tilsynet",
    20: "Tværgående koordination og rådgivning",
    21: "Betaling, finansiering og takster",
    22: "Forsøg",
    23: "Straffebestemmelser",
    24: "Børnerådet",
    25: "Ikrafttrædelses- og overgangsbestemmelser m.v.",
}

# Serviceloven: the blocks in scope, as (chapter, heading, first §, last §).
SEL_BLOCKS = [
    (11, "Særlig støtte til børn og unge", 46, 75),
    # unconfirmed: the headings of chapters 12 and 13 (not in the texts; the
    # first is read back from a translated table of contents, the second
    # names what § 78 governs).
    (12, "Tilbud til unge fra 18 til 22 år", 76, 76),
    (13, "Private familieplejer", 78, 78),
    (25, "Kvalitetsstandarder og handleplaner", 140, 140),
    (26, "Opfølgning, tilsyn og betaling for tilsynet", 146, 148),
    (27, "Underretningspligt", 152, 155),
]

ZW = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


# LBK 1093/2013 prints its footnotes inside the text ("4) Den angivne ordlyd
# af § 50, stk. 3 gælder først fuldt ud den 1. oktober, jf. ...").
FOOTNOTE = re.compile(r"\s*\d+\) Den angivne ordlyd af .*? i lov nr\. \d+ af \d+\. \w+ \d{4}\.")
# Ministers are renamed with each government; not a change of the rule.
MINISTER = re.compile(r"Ministeren for [\w, ]+? forhold|[A-ZÆØÅ][\w, -]*?ministeren\b")


def norm(text):
    return re.sub(r"\s+", " ", FOOTNOTE.sub("", ZW.sub("", text))).strip()


def comparable(text):
    return MINISTER.sub("MINISTER", text)


def load(name, args):
    if args.dir:
        for cand in (os.path.join(args.dir, name + ".json"),
                     os.path.join(args.dir, "sel", name + ".json")):
            if os.path.exists(cand):
                with open(cand, encoding="utf-8") as fh:
                    return json.load(fh)
        sys.exit("not found: %s.json under %s" % (name, args.dir))
    out = subprocess.run(
        ["git", "-C", args.repo, "show", "%s:data/seed/%s.json" % (args.commit, name)],
        capture_output=True, check=True)
    return json.loads(out.stdout.decode("utf-8"))


def section_key(content):
    """'§ 155 a. ...' -> '155 a'; None for a repealed range or no match."""
    m = re.match(r"\s*§\s*(\d+)\s*([a-z])?\s*\.", content)
    if not m:
        return None
    return m.group(1) + (" " + m.group(2) if m.group(2) else "")


def split_stk(content):
    """Split a § text at 'Stk. N.' taken in order (2, 3, ...)."""
    text = norm(content)
    parts, start, want = [], 0, 2
    for m in re.finditer(r"(?<![\w-])Stk\. (\d+)\. ", text):
        if int(m.group(1)) == want:
            parts.append(text[start:m.start()].strip())
            start, want = m.start(), want + 1
    parts.append(text[start:].strip())
    return parts


def repealed(text):
    """A repealed or omitted provision: "(Ophævet)", "(Udelades)"."""
    body = re.sub(r"^(§\s*\d+\s*[a-z]?\.|Stk\. \d+\.)\s*", "", text)
    return re.fullmatch(r"\(\s*(?:Ophævet|Udelades)\s*\)\.?", body.strip()) is not None


def sort_key(sec):
    m = re.match(r"(\d+)(?: ([a-z]))?", sec)
    return (int(m.group(1)), m.group(2) or "")


def day_before(iso):
    d = datetime.date.fromisoformat(iso) - datetime.timedelta(days=1)
    return d.isoformat()


def texts_by_version(law, versions, args):
    """{file: {sec: (chapter, [stk texts])}}"""
    result = {}
    for name, _, _ in versions:
        data = load(name, args)
        provs = data["provisions"]
        has_chapters = any(p.get("chapter") for p in provs)
        secs = {}
        for p in provs:
            if has_chapters and not p.get("chapter"):
                continue  # notes of amending acts (LBK 83/2024's § 20-21)
            key = section_key(p["content"])
            if key is None or key in secs:
                continue
            if repealed(norm(p["content"])):
                continue
            secs[key] = (p.get("chapter"), split_stk(p["content"]))
        result[name] = secs
    return result


def in_scope_sel(sec):
    n = int(re.match(r"\d+", sec).group())
    if 46 <= n <= 75:
        return 11
    if n == 76:
        return 12
    if n == 78:
        return 13
    if n == 140:
        return 25
    if 146 <= n <= 148:
        return 26
    if 152 <= n <= 155:
        return 27
    return None


def similar(a, b):
    a, b = comparable(a), comparable(b)
    return difflib.SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio()


def renumbered(old, k, new):
    """Does stk. k+1 name another rule in the new text than in the old?

    Yes when the two texts have little in common, or when the old text is
    clearly closer to a neighbouring stk. of the new text (a stk. inserted
    or removed before it)."""
    same = similar(old[k], new[k])
    if same < 0.5:
        return True
    for j in (k - 1, k + 1):
        if 0 <= j < len(new) and similar(old[k], new[j]) > same + 0.1:
            return True
    if k + 1 < len(old) and similar(old[k + 1], new[k]) > same + 0.1:
        return True
    return False


def ranges(law, versions, texts):
    """[(sec, label, from, to|None, flags)] in statute order."""
    end = SEL_END if law == "serviceloven" else None
    names = [v[0] for v in versions]
    starts = {v[0]: v[1] for v in versions}
    all_secs = set()
    for secs in texts.values():
        all_secs |= set(secs)
    rows = []
    for sec in sorted(all_secs, key=sort_key):
        if law == "serviceloven" and in_scope_sel(sec) is None:
            continue
        def start_of(name):
            if law == "serviceloven" and name == "2013_1093" and sec in SEL_L496:
                return SEL_L496_FROM
            return starts[name]
        # per version: list of stk texts, borrowing for the seed gap
        per = []
        for i, name in enumerate(names):
            entry = texts[name].get(sec)
            flag = None
            if entry is None and law == "serviceloven" and name in SEL_GAP_FILES and sec in SEL_SEED_GAP:
                later = next((texts[n].get(sec) for n in names[i + 1:] if texts[n].get(sec)), None)
                if later:
                    src = next(n for n in names[i + 1:] if texts[n].get(sec))
                    entry, flag = later, "gap:" + dict((v[0], v[2]) for v in versions)[src]
            per.append((name, entry, flag))
        maxstk = max((len(e[1]) for _, e, _ in per if e), default=0)
        for k in range(maxstk):
            runs, cur, prev_text, prev_list = [], None, None, None
            for name, entry, flag in per:
                text = entry[1][k] if entry and k < len(entry[1]) and not repealed(entry[1][k]) else None
                if text is None:
                    if cur:
                        cur["to"] = day_before(start_of(name))
                        runs.append(cur)
                        cur = None
                    prev_text = None
                    continue
                label_one = entry is not None and len(entry[1]) == 1
                if cur and (cur["one"] != label_one or renumbered(prev_list, k, entry[1])):
                    cur["to"] = day_before(start_of(name))
                    runs.append(cur)
                    cur = None
                if cur is None:
                    cur = {"from": start_of(name), "to": None, "one": label_one,
                           "flags": set(), "chapter": entry[0]}
                if flag:
                    cur["flags"].add(flag)
                prev_text, prev_list = text, entry[1]
            if cur:
                cur["to"] = end
                runs.append(cur)
            for r in runs:
                if r["one"]:
                    label = "§ %s" % sec
                else:
                    label = "§ %s, stk. %d" % (sec, k + 1)
                rows.append((sec, label, r["from"], r["to"], r["flags"], r["chapter"], k))
    # Within a §, the lines of "§ N" (one stk.) and of "§ N, stk. K" come in
    # the order the forms first appear, then by stk. and date.
    first = {}
    for r in rows:
        key = (r[0], ", stk." in r[1])
        first[key] = min(first.get(key, r[2]), r[2])
    rows.sort(key=lambda r: (sort_key(r[0]), first[(r[0], ", stk." in r[1])], r[6], r[2]))
    return rows


def gap_comment(sec, texts, versions):
    """The "# unconfirmed:" line for a § borrowed across the seed gap."""
    names = [v[0] for v in versions]
    label = dict((v[0], v[2]) for v in versions)
    start = dict((v[0], v[1]) for v in versions)
    missing = [n for n in names if n in SEL_GAP_FILES and sec not in texts[n]]
    src = next(n for n in names[names.index(missing[-1]) + 1:] if sec in texts[n])
    names_missing = [label[n] for n in missing]
    joined = (", ".join(names_missing[:-1]) + " and " + names_missing[-1]
              if len(names_missing) > 1 else names_missing[0])
    return ("# unconfirmed: § %s: the 2011-2012 text (%s) was not available in the "
            "extraction; the stk. list of %s is used for %s .. %s"
            % (sec, joined, label[src], start[missing[0]], day_before(start[src])))


def emit(law, versions, rows, texts, file):
    print("# Skeleton generated by scripts/extract-paragraphs.py", file=file)
    print("# Texts: " + ", ".join(v[2] + " (" + v[1] + ")" for v in versions), file=file)
    print("law %s" % law, file=file)
    current = None
    gap_done = set()
    for sec, label, frm, to, flags, chapter, _ in rows:
        if law == "barnets_lov":
            ch = int(chapter)
            heading = "Kapitel %d. %s" % (ch, BL_CHAPTERS.get(ch, ""))
        else:
            ch = in_scope_sel(sec)
            heading = next("Kapitel %d. %s" % (c, h) for c, h, _, _ in SEL_BLOCKS if c == ch)
        if heading != current:
            print('chapter "%s"' % heading, file=file)
            current = heading
        if flags and sec not in gap_done:
            gap_done.add(sec)
            print(gap_comment(sec, texts, versions), file=file)
        rng = frm if to is None else "%s .. %s" % (frm, to)
        print("%s | %s | - |" % (label, rng), file=file)


def emit_labels(law, versions, rows, file):
    """The statute's labels alone, one per line: what an inventory must list
    (tests/fixtures/statute/<law>.labels, checked by the test suite)."""
    print("# Labels of %s, generated by scripts/extract-paragraphs.py --labels" % law, file=file)
    print("# Texts: " + ", ".join(v[2] for v in versions), file=file)
    seen = set()
    for _, label, _, _, _, _, _ in rows:
        if label not in seen:
            seen.add(label)
            print(label, file=file)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--law", choices=["barnets_lov", "serviceloven"], action="append")
    ap.add_argument("--repo", default=DEFAULT_REPO)
    ap.add_argument("--commit", default=DEFAULT_COMMIT)
    ap.add_argument("--dir", help="read <file>.json copies from DIR (or DIR/sel)")
    ap.add_argument("--labels", metavar="DIR",
                    help="write each law's paragraph labels to DIR/<law>.labels (the test fixture) "
                         "instead of printing the skeleton")
    args = ap.parse_args()
    laws = args.law or ["barnets_lov", "serviceloven"]
    for i, law in enumerate(laws):
        versions = BL_VERSIONS if law == "barnets_lov" else SEL_VERSIONS
        texts = texts_by_version(law, versions, args)
        rows = ranges(law, versions, texts)
        if args.labels:
            with open(os.path.join(args.labels, law + ".labels"), "w", encoding="utf-8") as out:
                emit_labels(law, versions, rows, out)
            continue
        if i:
            print()
        emit(law, versions, rows, texts, sys.stdout)


if __name__ == "__main__":
    main()
