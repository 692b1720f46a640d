"""The service package's public names are what its ``__all__`` says."""

from __future__ import annotations

import summarizer.service


def test_service_public_names_are_exactly_the_documented_ones() -> None:
    assert set(summarizer.service.__all__) == {
        "ServiceSettings",
        "check_bind_address",
        "create_app",
        "load_service_settings",
    }
    for name in summarizer.service.__all__:
        assert getattr(summarizer.service, name) is not None
