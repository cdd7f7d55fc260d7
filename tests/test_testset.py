"""The frozen test set is unchanged since it was frozen (hash in testset/README.md)."""

import hashlib
import re

from tests.conftest import ROOT

TESTSET = ROOT / "testset"


def listing_hash() -> str:
    """sha256 of the `sha256sum` listing of the sorted files, as the README's command."""
    files = sorted(
        p.relative_to(TESTSET).as_posix()
        for folder in ("articles", "labels")
        for p in (TESTSET / folder).rglob("*")
        if p.is_file()
    )
    listing = "".join(
        f"{hashlib.sha256((TESTSET / f).read_bytes()).hexdigest()}  {f}\n" for f in files
    )
    return hashlib.sha256(listing.encode()).hexdigest()


def test_the_test_set_is_the_frozen_one():
    recorded = re.search(r"\b[0-9a-f]{64}\b", (TESTSET / "README.md").read_text()).group()
    assert listing_hash() == recorded
