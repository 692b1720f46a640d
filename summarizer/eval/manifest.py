"""The manifest (``evals/manifest.yaml``): which articles are labelled, their split, their
source and licence, and who labelled and reviewed each gold file, and when."""

from __future__ import annotations

import datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from summarizer.eval._yaml import FieldProblems

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Split(StrEnum):
    dev = "dev"
    test = "test"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Labelling(_Model):
    by: Text
    date: datetime.date
    method: Text


class ManifestEntry(_Model):
    title: Text
    url: Text
    licence: Text
    source: Text = Field(description="Where the article text was taken from (SOURCES.md).")
    topic: Text
    split: Split
    labelled: Labelling
    reviewed: Labelling | None = Field(default=None, description="Null until reviewed.")


class TestSplit(_Model):
    """How the test split was drawn; it exists so nobody tunes on the test articles."""

    size: int = Field(ge=0)
    method: Text
    drawn: datetime.date


class Manifest(_Model):
    version: Literal[1] = 1
    test_split: TestSplit
    articles: dict[str, ManifestEntry] = Field(min_length=1)

    @model_validator(mode="after")
    def _check_test_size(self) -> Manifest:
        test = self.ids(Split.test)
        if len(test) != self.test_split.size:
            raise FieldProblems(
                [
                    (
                        ("test_split", "size"),
                        f"says {self.test_split.size} but {len(test)} articles have split: test",
                    )
                ]
            )
        return self

    def ids(self, split: Split | None = None) -> list[str]:
        return [
            key for key, entry in self.articles.items() if split is None or entry.split is split
        ]
