"""The scale benchmark: a synthetic corpus of N articles, timed stage by stage, end to
end, and against the floor (read + segment + vectorise + predict), in one run.

    python bench/run.py --articles 1000 [--jobs 2] --out bench/out

writes `OUT/results.json` and the Markdown table `bench/RESULTS.md` (one row per
run, newest last). Each measurement runs in a child process of its own, so each
peak RSS is that of the measured work alone. The model is fitted once on the
shipped project (seeds + authored articles) and saved under `OUT/models`; the
synthetic corpus is never trained on.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
SEED = 13
OUTLETS = ["Meridian Press", "Politico", "Daily Courier", "Wire Service", "Evening Ledger"]
START = dt.date(2022, 1, 1)


# -- the synthetic corpus ------------------------------------------------------------


def shipped_paragraphs() -> tuple[list[str], list[int]]:
    """The paragraphs (lines) of the shipped and authored articles, and each article's
    number of paragraphs."""
    paragraphs, lengths = [], []
    for folder in (ROOT / "seeds", ROOT / "authored" / "articles"):
        for path in sorted(folder.glob("*.txt")):
            lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
            paragraphs.extend(lines[1:])
            lengths.append(len(lines))
    return paragraphs, lengths


def make_corpus(folder: Path, n: int, *, seed: int = SEED) -> None:
    """N articles of paragraphs drawn from the shipped ones (headline: a first sentence),
    with outlets and dates in `articles.yaml`; the same N and seed give the same files."""
    from stances.text.sentences import split_sentences

    rng = random.Random(seed)
    paragraphs, lengths = shipped_paragraphs()
    folder.mkdir(parents=True, exist_ok=True)
    metadata = []
    for index in range(n):
        body = rng.sample(paragraphs, min(rng.choice(lengths), len(paragraphs)))
        start, end = split_sentences(body[0])[0]
        text = "\n".join([body[0][start:end].rstrip("."), *body]) + "\n"
        article = f"syn{index:06d}"
        (folder / f"{article}.txt").write_text(text, encoding="utf-8")
        date = START + dt.timedelta(days=rng.randrange(120))
        metadata.append(
            f"{article}:\n  outlet: {rng.choice(OUTLETS)}\n  date: {date.isoformat()}\n"
        )
    (folder / "articles.yaml").write_text("".join(metadata), encoding="utf-8")


# -- the measurements (each in a child process) -----------------------------------------


def project(corpus: Path):
    from stances.project.load import load_project

    return load_project(
        corpus,
        [
            (ROOT / "seeds", ROOT / "annotations"),
            (ROOT / "authored/articles", ROOT / "authored/labels"),
        ],
        codebook=ROOT / "annotations" / "codebook.yaml",
    )


def fit(out: Path) -> dict:
    """Fit on the shipped project once and save the model under OUT/models."""
    from stances.pipeline import train_and_save

    loaded = project(ROOT / "seeds")
    start = time.perf_counter()
    train_and_save(loaded, out / "models", evaluate=False)
    return {"seconds_fit": time.perf_counter() - start}


def saved_model(out: Path, loaded):
    from stances.pipeline import current_model

    return current_model(loaded, out / "models").model


def measure_floor(out: Path) -> dict:
    """Read every file, split sentences, TF-IDF transform and predict the issues."""
    import scipy.sparse as sp

    from stances.learn.features import feature_frame
    from stances.project.corpus import load_corpus
    from stances.text.sentences import split_sentences

    model = saved_model(out, project(ROOT / "seeds"))
    statement_model = model.issue_model.statement_model
    features, classify = statement_model[0], statement_model[-1]
    vectoriser = features.named_transformers_["words"]
    width = features.transform(feature_frame(["x"], [""], [1])).shape[1]
    start = time.perf_counter()
    corpus = load_corpus(out / "corpus")
    texts = [a.text[s:e] for a in corpus for s, e in split_sentences(a.text)]
    words = vectoriser.transform(texts)
    # the same fitted classifiers (is it a statement, on which issues), on the words
    # block alone (the cue columns zero)
    padding = sp.csr_matrix((words.shape[0], width - words.shape[1]))
    matrix = sp.hstack([words, padding]).tocsr()
    classify.predict_proba(matrix)
    model.issue_model.topic_model[-1].predict_proba(matrix)
    return {"seconds_floor": time.perf_counter() - start, "sentences": len(texts)}


def measure_stages(out: Path, jobs: int) -> dict:
    """Each stage in turn, single process, the whole corpus in memory."""
    from stances.learn.features import FEATURE_COLUMNS
    from stances.project.corpus import load_corpus
    from stances.report.compare import (
        article_groups,
        compare_groups,
        group_articles,
        group_counts,
    )
    from stances.report.matrix import actor_order, build_matrix, select_statements
    from stances.report.workbook import WorkbookData, write_workbook
    from stances.statements.tagging import predict_statements
    from stances.text.attribution import Attributor
    from stances.text.holders import ArticleActors, DeferredCandidates
    from stances.text.sentences import segment_article
    from stances.text.table import SENTENCE_COLUMNS

    loaded = project(out / "corpus")
    model = saved_model(out, loaded)
    stages, clock = {}, [time.perf_counter()]

    def lap(name: str) -> None:
        now = time.perf_counter()
        stages[name] = round(now - clock[0], 3)
        clock[0] = now

    corpus = load_corpus(out / "corpus")
    lap("load")
    segmented = [(a, segment_article(a)) for a in corpus]
    lap("segment")
    attributor = Attributor(loaded.codebook)
    rows = []
    for article, sentences in segmented:
        spans = [(s.start, s.end) for s in sentences]
        actors = ArticleActors.read(attributor, article.text, spans)
        context = ""
        for s in sentences:
            rows.append(
                (
                    article.id,
                    s.index,
                    s.start,
                    s.end,
                    s.text,
                    context,
                    actors.rules[s.index],
                    DeferredCandidates(actors, s.index),
                    actors.speaks(s.index),
                    actors.voice(s.index),
                )
            )
            context = s.text

    table = pd.DataFrame(rows, columns=SENTENCE_COLUMNS)
    lap("attribute")
    model.issue_model.statement_model[:-1].transform(table.loc[table["speaks"], FEATURE_COLUMNS])
    lap("vectorise")
    statements = predict_statements(model, table)
    lap("classify")
    chosen = select_statements(statements)
    codebook = loaded.codebook
    actors = actor_order(codebook, chosen, "group")
    matrix = build_matrix(chosen, by="group", issues=codebook.issue_ids, actors=actors)
    groups = article_groups(corpus, "outlet")
    outlets = group_articles(chosen.head(0), corpus, "outlet")[1]
    comparison = compare_groups(
        group_counts(chosen, groups, "group"), outlets, issues=codebook.issue_ids, actors=actors
    )
    lap("aggregate")
    statements.to_parquet(out / "stages-statements.parquet", index=False)
    lap("write_parquet")
    data = WorkbookData(
        matrix,
        comparison,
        chosen,
        codebook,
        corpus,
        None,
        pd.DataFrame(),
        "group",
        compare_by="outlet",
    )
    path = out / "stages.xlsx"
    path.unlink(missing_ok=True)
    write_workbook(data, path)
    lap("write_workbook")
    return {"stages": stages, "statements": len(statements)}


def measure_end_to_end(out: Path, jobs: int) -> dict:
    """`stances run` as a library call: tag in chunks (one Parquet file each) → matrix and
    outlet comparison summed chunk by chunk → workbook (capped Statements sheet)."""
    from stances.pipeline import run

    loaded = project(out / "corpus")
    workbook = out / "end-to-end.xlsx"
    workbook.unlink(missing_ok=True)
    start = time.perf_counter()
    result = run(loaded, models=out / "models", out=workbook, jobs=jobs)
    return {
        "seconds_total": time.perf_counter() - start,
        "statements": int(result.matrix["count"].sum()),
    }


MEASURES = {
    "fit": fit,
    "floor": measure_floor,
    "stages": measure_stages,
    "total": measure_end_to_end,
}


def child(name: str, out: Path, jobs: int) -> None:
    result = MEASURES[name](out) if name in {"fit", "floor"} else MEASURES[name](out, jobs)
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def in_child(name: str, out: Path, jobs: int) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--child", name, "--out", str(out), "--jobs", str(jobs)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if done.returncode:
        sys.exit(f"bench: {name} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- the report ---------------------------------------------------------------------------


def results_row(results: dict) -> str:
    stages = ", ".join(f"{k} {v:.1f}" for k, v in results["stages"].items())
    return (
        f"| {results['date']} | {results['commit']} | {results['cores']} | {results['jobs']} "
        f"| {results['articles']:,} | {results['sentences']:,} | {results['seconds_total']:.1f} "
        f"| {results['sentences_per_second']:,.0f} | {results['seconds_floor']:.1f} "
        f"| {results['ratio']:.1f}× | {results['peak_rss_mb']:.0f} | {stages} |\n"
    )


HEADER = (
    "# Benchmark results\n\n"
    "`python bench/run.py --articles N --jobs J --out DIR`, newest last. Total: tag → matrix →"
    " comparison → Parquet → workbook; floor: read + segment + TF-IDF + predict; ratio ="
    " total / floor; peak RSS of the end-to-end process (MB); stages (s) measured in a"
    " separate single-process pass.\n\n"
    "| date | commit | cores | jobs | articles | sentences | total s | sentences/s | floor s "
    "| ratio | peak RSS MB | stages (s) |\n"
    "|---|---|---|---|---|---|---|---|---|---|---|---|\n"
)


def report(results: dict) -> None:
    path = ROOT / "bench" / "RESULTS.md"
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER
    path.write_text(text + results_row(results), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--child", choices=sorted(MEASURES), help=argparse.SUPPRESS)
    parser.add_argument("--models", type=Path, help="reuse this saved model folder")
    parser.add_argument("--no-report", action="store_true", help="do not touch RESULTS.md")
    args = parser.parse_args()
    out = args.out.resolve()
    if args.child:
        child(args.child, out, args.jobs)
        return
    corpus = out / "corpus"
    if not (corpus / "articles.yaml").exists() or len(list(corpus.glob("*.txt"))) != args.articles:
        if corpus.exists():
            for path in corpus.iterdir():
                path.unlink()
        make_corpus(corpus, args.articles)
    if args.models and not (out / "models").exists():
        shutil.copytree(args.models, out / "models")
    if not (out / "models" / "manifest.json").exists():
        in_child("fit", out, args.jobs)
    floor = in_child("floor", out, args.jobs)
    stages = in_child("stages", out, args.jobs)
    total = in_child("total", out, args.jobs)
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    results = {
        "articles": args.articles,
        "sentences": floor["sentences"],
        "statements": total["statements"],
        "jobs": args.jobs,
        "cores": os.cpu_count(),
        "seconds_total": round(total["seconds_total"], 2),
        "seconds_floor": round(floor["seconds_floor"], 2),
        "ratio": round(total["seconds_total"] / floor["seconds_floor"], 2),
        "sentences_per_second": round(floor["sentences"] / total["seconds_total"]),
        "peak_rss_mb": round(total["peak_rss_mb"]),
        "peak_rss_mb_stages": round(stages["peak_rss_mb"]),
        "stages": stages["stages"],
        "date": dt.date.today().isoformat(),
        "commit": commit,
    }
    (out / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    if not args.no_report:
        report(results)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
