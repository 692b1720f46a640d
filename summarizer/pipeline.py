"""The flow for one article: prompt, cache, engine, grounding."""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor

from summarizer.brief import Brief, Provenance, Source
from summarizer.cache import BriefCache, cache_key
from summarizer.engines import make_engine
from summarizer.engines.base import Engine, EngineRequest, EngineResult, RateLimitCallback
from summarizer.errors import CacheMissError, InputError
from summarizer.grounding import ground_draft
from summarizer.inputs import Article, article_from_text
from summarizer.language import detect_language
from summarizer.prompts import prompt_version, render_messages
from summarizer.settings import EngineChoice, Settings


class Summarizer:
    """Briefs articles with one engine and one cache; reuse it for many articles."""

    def __init__(
        self,
        settings: Settings,
        *,
        engine: Engine | None = None,
        cache: BriefCache | None = None,
    ) -> None:
        self.settings = settings
        self.engine = engine or make_engine(settings)
        self.cache = cache or BriefCache(settings.cache_dir)
        self.prompt_version = prompt_version(settings.prompts_dir)

    @property
    def uses_cache(self) -> bool:
        return self.engine.cacheable and self.settings.use_cache

    async def brief(
        self, article: Article, *, on_rate_limit: RateLimitCallback | None = None
    ) -> Brief:
        """Brief one article; ``on_rate_limit`` hears each 429 the endpoint answers."""
        self._check_length(article)
        messages = render_messages(article, self.settings.prompts_dir)
        key = cache_key(
            {"name": self.engine.name, **self.engine.identity},
            messages,
            prompt_version=self.prompt_version,
        )
        result: EngineResult | None = None
        if self.uses_cache and not self.settings.refresh:
            result = self.cache.get(key)
        cache_hit = result is not None
        if result is None:
            if self.settings.offline and self.engine.cacheable:
                raise CacheMissError(
                    f"{article.origin}: no cached brief for this article, engine and prompt, "
                    "and --offline forbids calling the model; run once without --offline"
                )
            started = time.perf_counter()
            request = EngineRequest(article=article, messages=messages, on_rate_limit=on_rate_limit)
            result = await self.engine.generate(request)
            if not result.latency_ms:
                result = EngineResult(
                    draft=result.draft,
                    usage=result.usage,
                    latency_ms=(time.perf_counter() - started) * 1000,
                    attempts=result.attempts,
                )
            if self.uses_cache:
                self.cache.set(key, result)
        identity = self.engine.identity
        provenance = Provenance(
            engine=self.engine.name,
            model=_optional_str(identity.get("model")),
            endpoint=_optional_str(identity.get("endpoint")),
            mode=_optional_str(identity.get("mode")),
            prompt_version=self.prompt_version,
            cache_hit=cache_hit,
            usage=result.usage,
            latency_ms=0.0 if cache_hit else round(result.latency_ms, 3),
            attempts=result.attempts,
        )
        source = Source(
            title=article.title,
            url=article.url,
            published=article.published,
            content_sha256=article.content_sha256,
            characters=len(article.text),
            partial=article.partial,
            language=await asyncio.to_thread(detect_language, article.text),
        )
        return ground_draft(
            result.draft,
            article.text,
            source=source,
            provenance=provenance,
            fuzzy_threshold=self.settings.fuzzy_threshold,
            drop_unverified=self.settings.drop_unverified,
        )

    def _check_length(self, article: Article) -> None:
        """A model reads only so much (its context window), and an endpoint may cut a long
        prompt without saying so: refuse, before the cache and any request, an article longer
        than the settings allow. The extractive engine reads any length."""
        limit = self.settings.max_input_chars
        if self.engine.name != EngineChoice.extractive.value and len(article.text) > limit:
            raise InputError(
                f"{article.origin}: article is {len(article.text):,} characters, more than the "
                f"{limit:,} this engine accepts (--max-input-chars)"
            )

    async def __aenter__(self) -> Summarizer:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Release the engine's connections, then close the cache: call it (or use ``async
        with``) at the end of the event loop that briefed, so nothing is left to close later."""
        await self.engine.aclose()
        self.close()

    def close(self) -> None:
        self.cache.close()


def _optional_str(value: object) -> str | None:
    return None if value is None else str(value)


def summarize(text: str | Article, settings: Settings | None = None) -> Brief:
    """Brief one article (text or ``Article``) synchronously.

    With no settings, the offline extractive engine is used. Called where an event loop is
    already running (a Jupyter cell, an async framework's handler), it briefs on a loop of
    its own in another thread and blocks until done: ``asyncio.run`` refuses to start a loop
    inside a running one.
    """
    article = text if isinstance(text, Article) else article_from_text(text)

    async def brief_once() -> Brief:
        async with Summarizer(settings or Settings(engine=EngineChoice.extractive)) as summarizer:
            return await summarizer.brief(article)

    if not _loop_running():
        return asyncio.run(brief_once())
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="summarize") as executor:
        return executor.submit(asyncio.run, brief_once()).result()


def _loop_running() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True
