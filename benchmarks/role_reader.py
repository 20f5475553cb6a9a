"""Does a learned reader of roles beat the rules on text they have not seen?

    python3 benchmarks/role_reader.py first-exposure   # rebuild tests/data/reader from git history
    python3 benchmarks/role_reader.py measure          # fit, then compare with the rules
    python3 benchmarks/role_reader.py curve            # F1 by the number of corpora trained on

An experiment kept as a benchmark; the pipeline does not use it. The rules of
``pipeline/extract/roles.py`` reach a ``builds_on`` F1 of about 0.85 on the
tuning halves they were written from and about 0.6 on held-out halves. A
reader (``reader_model.py``: one logistic regression per role, over the rules'
roles and the words around each mention of a method or model) could learn how
far to trust them, but only from text the rules had *not* been written from.
Its training data is therefore the rules' output on each dev corpus's tuning
half *as the rules stood before that corpus joined the project* (the parent of
the commit that added ``tests/data/<corpus>``). ``first-exposure`` makes those
records by running each of those old versions in a git worktree and keeps them
in ``tests/data/reader/first_exposure.jsonl``, so measuring needs no history.

``measure`` picks each role's regularisation and threshold by leaving one
corpus out at a time on those records, fits on all of them, then runs today's
extractor over every corpus and scores the rules alone against the rules
revised by the reader, on the parts the reader never saw: the held-out halves,
the test-only corpora (dev5, dev7) and both halves of the shared page (the
only real listing, whose tuning half the rules, not the reader, were written
from). It prints two readers: one deciding proposes / builds_on / uses /
compares_with, one deciding only builds_on and compares_with.

What it showed when it was written (2026-11-30): on the dev corpora's held-out
halves the reader lifts builds_on by about 0.02 and roles by about 0.01, but on
the real page it loses (uses and secondary proposals above all), because the
dev corpora's writers and the page's annotator mark in-passing techniques
differently. So the pipeline keeps the rules alone.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

DATA = ROOT / "tests" / "data"
FIRST_EXPOSURE = DATA / "reader" / "first_exposure.jsonl"
# Corpora with a tuning half, in the order they joined the project. The page's
# gold came before any rule, dev5 and dev7 are test only.
CORPORA = ("dev", "dev2", "dev3", "dev4", "dev6", "dev8", "dev9", "dev10", "dev11", "dev12", "dev13", "dev14", "dev15")
C_GRID = (0.03, 0.1, 0.3, 1.0)
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)

# Run inside a worktree of an old commit: that commit's extractor over one corpus's
# tuning papers (today's page and gold files), one JSON record per paper.
_DUMP = """
import json, sys
sys.path.insert(0, ".")
from pipeline.extract import load_extractor
from pipeline.ingest import iter_papers
sys.path.insert(0, sys.argv[1])
from pipeline_reader_view import view_json
page, gold, corpus, commit = sys.argv[2:6]
document = json.load(open(gold, encoding="utf-8"))
tuning = {n for a, b in document["tuning"] for n in range(a, b + 1)}
papers = {p.title: p for p in iter_papers([page])}
extractor = load_extractor()
for index, entry in enumerate(document["papers"], start=1):
    if index in tuning:
        x = extractor.extract(papers[entry["title"]])
        print(json.dumps({"corpus": corpus, "paper": index, "commit": commit, **view_json(x)}))
"""


def corpus_files(corpus: str) -> tuple[Path, Path]:
    return DATA / corpus / f"{corpus}_page.txt", DATA / corpus / f"{corpus}_annotations.json"


def first_exposure(out: Path) -> None:
    """Records of each corpus's tuning half by the rules of the day before it joined."""
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        # The old code knows nothing of the reader: a small module, written here, turns
        # its Extraction records into the reader's stored view.
        helper = Path(tmp) / "helper"
        helper.mkdir()
        (helper / "pipeline_reader_view.py").write_text(
            "from types import SimpleNamespace\n"
            f"import sys; sys.path.insert(0, {str(ROOT)!r})\n"
            "import importlib.util\n"
            f"spec = importlib.util.spec_from_file_location('reader', {str(ROOT / 'benchmarks' / 'reader_model.py')!r})\n"
            "reader = importlib.util.module_from_spec(spec); sys.modules['reader'] = reader; spec.loader.exec_module(reader)\n"
            "sys.path.pop(0)\n"
            "def view_json(x):\n"
            "    data = reader.view_to_json(reader.view_of_extraction(x))\n"
            "    data['title'] = x.paper.title\n"
            "    data['aliases'] = {e.id: list(e.aliases) for e in x.entities}\n"
            "    return data\n",
            encoding="utf-8",
        )
        for corpus in CORPORA:
            added = subprocess.run(
                ["git", "log", "--diff-filter=A", "--format=%H", "--reverse", "--", f"tests/data/{corpus}"],
                cwd=ROOT, capture_output=True, text=True, check=True,
            ).stdout.split()[0]
            parent = subprocess.run(
                ["git", "rev-parse", f"{added}^"], cwd=ROOT, capture_output=True, text=True, check=True
            ).stdout.strip()
            tree = Path(tmp) / corpus
            subprocess.run(["git", "worktree", "add", "-q", "--detach", str(tree), parent], cwd=ROOT, check=True)
            try:
                page, gold = corpus_files(corpus)
                dumped = subprocess.run(
                    [sys.executable, "-c", _DUMP, str(helper), str(page), str(gold), corpus, parent[:12]],
                    cwd=tree, capture_output=True, text=True, check=True,
                ).stdout.splitlines()
            finally:
                subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, check=True)
            print(f"{corpus}: {len(dumped)} tuning papers read by the rules of {parent[:12]}", file=sys.stderr)
            lines.extend(dumped)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp_out = out.with_suffix(".tmp")
    tmp_out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tmp_out.replace(out)


def labelled_rows(records: list[dict]) -> list[dict]:
    """One row per method or model of each record: its features and the gold roles it holds."""
    from extraction_quality import match_entities

    from reader_model import READ_TYPES, entity_features, view_from_json

    gold_of = {}
    for corpus in CORPORA:
        _, gold = corpus_files(corpus)
        for index, entry in enumerate(json.loads(gold.read_text(encoding="utf-8"))["papers"], start=1):
            gold_of[corpus, index] = entry
    rows = []
    for record in records:
        gold = gold_of[record["corpus"], record["paper"]]
        view = view_from_json(record)
        found = [{"id": k, "name": view.names[k], "aliases": record["aliases"].get(k, [])} for k in view.types]
        pairs = {fi: gi for gi, fi in match_entities(gold["entities"], found).items()}
        missed = defaultdict(int)  # gold roles of entities the rules never found: misses the reader cannot mend
        for gi, g in enumerate(gold["entities"]):
            if gi not in pairs.values():
                for role in g["roles"]:
                    missed[role] += 1
        for fi, key in enumerate(view.types):
            if view.types[key] not in READ_TYPES:
                continue
            gi = pairs.get(fi)
            rows.append({
                "corpus": record["corpus"],
                "features": entity_features(view, key),
                "gold": set(gold["entities"][gi]["roles"]) if gi is not None else set(),
                "rules": set(view.roles.get(key, {})),
            })
        rows.append({"corpus": record["corpus"], "missed": dict(missed)})
    return rows


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def counts(rows: list[dict], role: str, said) -> tuple[int, int, int]:
    tp = fp = fn = 0
    for row in rows:
        if "missed" in row:
            fn += row["missed"].get(role, 0)
            continue
        yes, gold = said(row), role in row["gold"]
        tp += yes and gold
        fp += yes and not gold
        fn += gold and not yes
    return tp, fp, fn


def fit(rows: list[dict]):
    """The reader fitted on ``rows``, each role's C and threshold chosen by leaving one corpus out."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    from reader_model import READ_ROLES, RoleModel, RoleReader

    entity_rows = [r for r in rows if "features" in r]
    vectorizer = DictVectorizer()
    X = vectorizer.fit_transform([r["features"] for r in entity_rows])
    corpus = np.array([r["corpus"] for r in entity_rows])
    names = vectorizer.get_feature_names_out()
    print(f"{len(entity_rows)} methods and models, {len(names)} features")
    print(f"{'role':14s} {'rules':>6s} {'reader, one corpus left out':>28s}  C     threshold")
    models = {}
    for role in READ_ROLES:
        y = np.array([role in r["gold"] for r in entity_rows])
        best = None
        for c in C_GRID:
            held = np.zeros(len(entity_rows))
            for name in CORPORA:
                out = corpus == name
                if out.any():
                    model = LogisticRegression(C=c, max_iter=5000).fit(X[~out], y[~out])
                    held[out] = model.predict_proba(X[out])[:, 1]
            probability = {id(r): p for r, p in zip(entity_rows, held)}
            for t in THRESHOLDS:
                score = f1(*counts(rows, role, lambda r: probability[id(r)] >= t))
                if best is None or score > best[0]:
                    best = (score, c, t)
        rules = f1(*counts(rows, role, lambda r: role in r["rules"]))
        score, c, t = best
        print(f"{role:14s} {rules:6.3f} {score:28.3f}  {c:<5} {t}")
        fitted = LogisticRegression(C=c, max_iter=5000).fit(X, y)
        models[role] = RoleModel(dict(zip(names, fitted.coef_[0].tolist())), float(fitted.intercept_[0]), t)
    return RoleReader(models, {})


def read_roles(extraction, reader, roles_read: tuple[str, ...]) -> dict[str, set[str]]:
    """Entity key -> roles, the rules' revised by the reader for ``roles_read`` (none: the rules alone)."""
    from reader_model import revised_relations, view_of_extraction

    rows = [[r.object, r.predicate, 0, 0, "rule", 0.5] for r in extraction.relations]
    if roles_read:
        view = view_of_extraction(extraction)
        rules: dict[str, set[str]] = defaultdict(set)
        for key, role, *_ in rows:
            rules[key].add(role)
        decided = {}
        for key, held in reader.decide(view).items():
            decided[key] = {r: p for r, p in held.items() if r in roles_read}
            decided[key].update({r: 1.0 for r in rules[key] if r not in roles_read and r in reader.models})
        rows = revised_relations(rows, decided, view)
    roles: dict[str, set[str]] = defaultdict(set)
    for key, role, *_ in rows:
        roles[key].add(role)
    return roles


def measure() -> None:
    from confidence_calibration import hand_set_extractor
    from extraction_quality import GOLD, PAGE, ROLES, TUNING, Score, match_entities

    from pipeline.ingest import iter_papers
    from reader_model import READ_ROLES

    records = [json.loads(line) for line in FIRST_EXPOSURE.read_text(encoding="utf-8").splitlines() if line]
    print(f"training: {len(records)} tuning papers of {len(CORPORA)} corpora, as the rules first read them")
    reader = fit(labelled_rows(records))
    variants = {"rules": (), "reader, four roles": READ_ROLES, "reader, builds_on + compares_with": ("builds_on", "compares_with")}
    # The reader learnt from the rules' hand-set confidences (first exposure predates pg_confidence): read those.
    extractor = hand_set_extractor()
    parts = [("page", PAGE, GOLD, TUNING)] + [
        (name, *corpus_files(name), None) for name in (*CORPORA, "dev5", "dev7")
    ]
    scores: dict[tuple[str, str], dict[str, dict[str, Score]]] = {}
    for name, page, gold_file, page_tuning in parts:
        document = json.loads(Path(gold_file).read_text(encoding="utf-8"))
        tuning = page_tuning if page_tuning is not None else {
            n for a, b in document.get("tuning", []) for n in range(a, b + 1)
        }
        papers = {p.title: p for p in iter_papers([Path(page)])}
        for index, gold in enumerate(document["papers"], start=1):
            if index in tuning and name != "page":
                continue  # the reader was trained on these (as the rules first read them)
            part = (name, "tuning" if index in tuning else "held out")
            extraction = extractor.extract(papers[gold["title"]])
            found = [{"id": e.id, "name": e.name, "aliases": list(e.aliases)} for e in extraction.entities]
            pairs = match_entities(gold["entities"], found)
            for variant, roles_read in variants.items():
                roles = read_roles(extraction, reader, roles_read)
                by_role = scores.setdefault(part, {}).setdefault(variant, defaultdict(Score))
                for gi, g in enumerate(gold["entities"]):
                    said = roles[found[pairs[gi]]["id"]] if gi in pairs else set()
                    for role in ROLES:
                        by_role[role].tp += role in g["roles"] and role in said
                        by_role[role].fn += role in g["roles"] and role not in said
                        by_role[role].fp += role in said and role not in g["roles"]
                matched = set(pairs.values())
                for fi, f in enumerate(found):
                    if fi not in matched:
                        for role in roles[f["id"]] & set(ROLES):
                            by_role[role].fp += 1
    print("\nF1 on text the reader never saw (roles: micro over all seven)")
    header = "".join(f"{v[:34]:>36s}" for v in variants)
    print(f"{'':22s}{header}")
    print(f"{'':22s}" + "".join(f"{'proposes builds_on uses roles':>36s}" for _ in variants))
    totals = {v: defaultdict(Score) for v in variants}
    for part, by_variant in scores.items():
        cells = []
        for variant, by_role in by_variant.items():
            micro = Score()
            for role in ROLES:
                micro.add(by_role[role])
                if part[0] != "page":
                    totals[variant][role].add(by_role[role])
            cells.append(f"{by_role['proposes'].f1:8.2f} {by_role['builds_on'].f1:9.2f} {by_role['uses'].f1:5.2f} {micro.f1:5.2f}")
        print(f"{part[0] + ' ' + part[1]:22s}" + "".join(f"{c:>36s}" for c in cells))
    cells = []
    for variant, by_role in totals.items():
        micro = Score()
        for role in ROLES:
            micro.add(by_role[role])
        cells.append(f"{by_role['proposes'].f1:8.2f} {by_role['builds_on'].f1:9.2f} {by_role['uses'].f1:5.2f} {micro.f1:5.2f}")
    print(f"{'dev corpora, pooled':22s}" + "".join(f"{c:>36s}" for c in cells))


def curve() -> None:
    """F1 on each left-out corpus by readers trained on 2, 4, 8 and 12 of the others: does more data help?"""
    import random

    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    records = [json.loads(line) for line in FIRST_EXPOSURE.read_text(encoding="utf-8").splitlines() if line]
    entity_rows = [r for r in labelled_rows(records) if "features" in r]
    X = DictVectorizer().fit_transform([r["features"] for r in entity_rows])
    corpus = np.array([r["corpus"] for r in entity_rows])
    print("F1 on a left-out corpus, pooled (entities the rules never found are left out)")
    print(f"{'role':14s} {'rules':>6s} " + " ".join(f"{f'{k} corpora':>10s}" for k in (2, 4, 8, 12)))
    for role, threshold in (("proposes", 0.45), ("builds_on", 0.3), ("uses", 0.3), ("compares_with", 0.35)):
        y = np.array([role in r["gold"] for r in entity_rows])
        rules = np.array([role in r["rules"] for r in entity_rows])
        cells = []
        for k in (2, 4, 8, 12):
            draws = random.Random(0)
            tp = fp = fn = 0
            for name in CORPORA:
                others = [c for c in CORPORA if c != name]
                for _ in range(3 if k < len(others) else 1):
                    train = np.isin(corpus, draws.sample(others, k))
                    test = corpus == name
                    model = LogisticRegression(C=0.3, max_iter=5000).fit(X[train], y[train])
                    said = model.predict_proba(X[test])[:, 1] >= threshold
                    tp += int((said & y[test]).sum())
                    fp += int((said & ~y[test]).sum())
                    fn += int((~said & y[test]).sum())
            cells.append(f"{f1(tp, fp, fn):10.3f}")
        base = f1(int((rules & y).sum()), int((rules & ~y).sum()), int((~rules & y).sum()))
        print(f"{role:14s} {base:6.3f} " + " ".join(cells))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("first-exposure", help="rebuild the training records from git history")
    commands.add_parser("measure", help="fit the reader and compare it with the rules")
    commands.add_parser("curve", help="F1 by how many corpora the reader is trained on")
    args = parser.parse_args(argv)
    if args.command == "first-exposure":
        first_exposure(FIRST_EXPOSURE)
    elif args.command == "curve":
        curve()
    else:
        measure()
    return 0


if __name__ == "__main__":
    sys.exit(main())
