"""The learning curve: macro-F1 on fixed held-out articles as the training labels grow."""

from stances.learn.curve import CURVE_COLUMNS, learning_curve
from stances.learn.dataset import build_dataset
from stances.learn.training import training_curve
from tests.conftest import load, write, write_training_project


def test_the_curve_holds_out_fixed_articles_and_grows_the_rest(tmp_path):
    project = write_training_project(tmp_path)
    for name in ("t1", "t2"):  # two more labelled articles: a pool of four
        for suffix in ("b", "c"):
            copy = f"{name}{suffix}"
            text = (project / "seeds" / f"{name}.txt").read_text()
            write(project / "seeds" / f"{copy}.txt", text.replace("Arms", f"Arms {copy}"))
            labels = (project / "annotations" / f"{name}.yaml").read_text()
            write(project / "annotations" / f"{copy}.yaml", labels.replace(name, copy, 1))
    loaded = load(project)
    dataset = build_dataset(loaded.training_corpus, loaded.labels, loaded.codebook)
    articles = sorted(set(dataset.sentences["article"]))
    curve = learning_curve(dataset, loaded.codebook, scored=articles, steps=3)
    assert list(curve.columns) == CURVE_COLUMNS
    # 7 articles: 2 held out, 5 in the pool, taken 2, 4 then 5 at a time (1 cannot be fitted)
    assert curve["articles"].tolist() == [2, 4, 5]
    assert curve["labels"].tolist() == [8, 16, 20]
    assert curve[["issue_macro_f1", "position_macro_f1"]].stack().between(0, 1).all()
    again = learning_curve(dataset, loaded.codebook, scored=articles, steps=3)
    assert again.equals(curve)


def test_a_project_of_three_articles_holds_one_out_and_fits_on_the_other_two(training_project):
    curve = training_curve(load(training_project))
    assert curve["articles"].tolist() == [2]
