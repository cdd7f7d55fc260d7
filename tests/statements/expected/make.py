"""Regenerate the stored tables `test_unchanged.py` compares with (run at a commit
whose output is the reference): python tests/statements/expected/make.py"""

from pathlib import Path

import pandas as pd

from stances.learn.training import train
from stances.project.load import load_project
from stances.statements.tagging import predict_statements, tag
from stances.text.attribution import Attributor
from stances.text.holders import article_candidates
from stances.text.sentences import segment_article

ROOT = Path(__file__).resolve().parents[3]
HERE = Path(__file__).resolve().parent


def candidate_rows(project) -> pd.DataFrame:
    """Every candidate of every sentence of the seeds and the authored articles."""
    attributor = Attributor(project.codebook)
    rows = []
    for corpus in (
        project.corpus,
        load_project(
            ROOT / "authored/articles", codebook=ROOT / "annotations/codebook.yaml"
        ).corpus,
    ):
        for article in corpus:
            spans = [(s.start, s.end) for s in segment_article(article)]
            for index, actors in enumerate(article_candidates(attributor, article.text, spans)):
                for c in actors.candidates:
                    features = ";".join(f"{k}={v:.6f}" for k, v in sorted(c.features.items()))
                    rows.append((article.id, index, c.group, c.speaker, c.name, features))
                for a in actors.rule_actors:
                    rows.append((article.id, index, a.group, a.speaker, a.name, f"rule:{a.method}"))
    return pd.DataFrame(
        rows, columns=["article", "sentence", "group", "speaker", "name", "features"]
    )


def main() -> None:
    project = load_project(
        ROOT / "seeds",
        [(ROOT / "seeds", ROOT / "annotations")],
        codebook=ROOT / "annotations/codebook.yaml",
    )
    model = train(project, evaluate=False).model
    tagging = tag(project, model)
    tagging.statements.to_csv(HERE / "seeds_statements.csv", index=False)
    predict_statements(model, tagging.sentences).to_csv(HERE / "seeds_model_rows.csv", index=False)
    # mtime 0: the same rows give the same bytes, so an unchanged table shows no diff
    candidate_rows(project).to_csv(
        HERE / "candidates.csv.gz", index=False, compression={"method": "gzip", "mtime": 0}
    )


if __name__ == "__main__":
    main()
