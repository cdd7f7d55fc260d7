"""Agreement between the training labels and the independent second labelling."""

from __future__ import annotations

import krippendorff
import numpy as np
import pandas as pd

from stances.project.load import Project
from stances.text.table import sentence_numbers, sentence_table

AGREEMENT_COLUMNS = ["task", "units", "both_coded", "percent_agreement", "alpha"]


def project_agreement(project: Project) -> pd.DataFrame:
    """`labeller_agreement` of a project's labels, on the articles both labellings cover.

    >>> from stances.project.load import load_project
    >>> project = load_project(
    ...     "seeds", [("seeds", "annotations")], codebook="annotations/codebook.yaml"
    ... )
    >>> project_agreement(project).set_index("task")["alpha"].round(2).to_dict()
    {'issue': 0.96, 'actor': 0.92, 'position': 1.0}
    """
    labels = project.all_labels
    sentences = sentence_table(
        project.training_corpus, project.codebook, articles=articles_both_labelled(labels)
    )
    return labeller_agreement(labels, sentences)


def articles_both_labelled(labels: pd.DataFrame) -> list[str]:
    """The articles both labellings cover, in id order."""
    independent = labels["independent"].astype(bool)
    return sorted(
        set(labels.loc[independent, "article"]) & set(labels.loc[~independent, "article"])
    )


def labeller_agreement(labels: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Krippendorff's alpha of the two labellings, on the articles both labelled.

    `labels` holds both labellings (`independent` marks the second); `sentences`
    is the sentence table of (at least) the articles both labelled. Tasks:
    - `issue`: does a sentence carry a statement on the issue? (nominal, every
      sentence × issue);
    - `actor`: ... by a speaker of this group? (nominal, every sentence × issue ×
      group either labeller used);
    - `position`: the position, where both coded the same sentence, issue and
      group (ordinal).
    `percent_agreement` of `issue` and `actor` counts only units either labeller marked.
    """
    articles = articles_both_labelled(labels)
    labels = labels[labels["article"].isin(articles)].copy()
    if labels.empty:
        return pd.DataFrame(columns=AGREEMENT_COLUMNS)
    sentences = sentences[sentences["article"].isin(articles)]
    labels["sentence"] = sentence_numbers(sentences, labels["article"], labels["start"])
    n_sentences = sentences.groupby("article").size().to_dict()
    issues, groups = sorted(labels["issue"].unique()), sorted(labels["group"].unique())
    actor_units = _presence(labels, n_sentences, ["issue", "group"], [issues, groups])
    rows = [
        _row("issue", _presence(labels, n_sentences, ["issue"], [issues]), "nominal"),
        _row("actor", actor_units, "nominal"),
        _row("position", _positions(labels), "ordinal"),
    ]
    return pd.DataFrame(rows, columns=AGREEMENT_COLUMNS)


def _presence(
    labels: pd.DataFrame, n_sentences: dict[str, int], keys: list[str], values: list[list[str]]
) -> np.ndarray:
    """Two rows (training, independent) of 0/1 over every sentence × key combination."""
    units = pd.MultiIndex.from_product(values, names=keys)
    data = []
    for independent in (False, True):
        coded = labels[labels["independent"] == independent]
        row = []
        for article, count in sorted(n_sentences.items()):
            present = set(
                coded.loc[coded["article"] == article, ["sentence", *keys]].itertuples(
                    index=False, name=None
                )
            )
            row += [float((s, *unit) in present) for s in range(count) for unit in units.to_list()]
        data.append(row)
    return np.array(data)


def _positions(labels: pd.DataFrame) -> np.ndarray:
    """Two rows of positions per (article, sentence, issue, group); NaN where not coded.

    Where one labeller coded the same unit twice, their first statement counts.
    """
    keys = ["article", "sentence", "issue", "group"]
    table = labels.pivot_table(
        index=keys, columns="independent", values="position", aggfunc="first"
    ).reindex(columns=[False, True])
    return table.to_numpy(dtype=float).T


def _row(task: str, data: np.ndarray, level: str) -> dict:
    coded = ~np.isnan(data)
    pairable = coded.all(axis=0)
    # For presence (0/1) tasks, agreement over the units either labeller marked: the
    # many sentences neither marked would make any two labellings look alike.
    marked = pairable & (data == 1).any(axis=0) if level == "nominal" else pairable
    equal = data[0, marked] == data[1, marked]
    values = np.unique(data[:, pairable])
    alpha = (
        float(krippendorff.alpha(reliability_data=data, level_of_measurement=level))
        if pairable.any() and len(values) > 1
        else float("nan")
    )
    return {
        "task": task,
        "units": int(coded.any(axis=0).sum()),
        "both_coded": int(pairable.sum()),
        "percent_agreement": float(equal.mean()) if marked.any() else float("nan"),
        "alpha": alpha,
    }
