"""``digest.html``: a batch's digest as a page, each article linked to its brief page.

Takes the ``Digest`` that ``summarizer.batch.digest.build_digest`` makes (the same data as
``digest.md`` and ``digest.json``) and, for the articles that have one, the link to their
brief page (``render_html``), relative to where ``digest.html`` is written.
"""

from __future__ import annotations

from collections.abc import Mapping

from summarizer.batch.digest import Digest
from summarizer.html_page import render_page


def render_digest_html(digest: Digest, pages: Mapping[str, str] | None = None) -> str:
    """The digest as one self-contained page.

    ``pages`` maps an article id to the href of its brief page (``"briefs/a1.html"``); an
    article without one is linked to its source URL only.
    """
    shared = [actor for actor in digest.actors if len(actor.articles) > 1]
    return render_page("digest.html.j2", digest=digest, pages=pages or {}, shared=shared)
