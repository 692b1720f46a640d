"""Fetching a web page for a caller without letting the caller reach the service's network.

Every hop (the URL, then each redirect, followed by hand) is checked before it is sent:
http or https only, no credentials in the URL, and every address the host resolves to must
be public: loopback, private, link-local, multicast, reserved, unspecified and cloud-metadata
addresses are refused (``allow_private`` lifts this, for tests). The request then goes to the
address that was checked, keeping the Host header and the TLS server name, so a DNS answer
that changes between check and connection (DNS rebinding) cannot redirect it. The answer is
bounded in size and the whole fetch, redirects included, in time.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from ipaddress import IPv4Address, IPv6Address, ip_address

import httpx

from summarizer.errors import InputError
from summarizer.service.problems import DnsFailure, FetchFailed, FetchTimeout, UrlRefused
from summarizer.settings import redact_url

IPAddress = IPv4Address | IPv6Address
Resolver = Callable[[str, int], Awaitable[list[IPAddress]]]

METADATA_ADDRESSES: frozenset[IPAddress] = frozenset(
    {ip_address("169.254.169.254"), ip_address("fd00:ec2::254")}
)
NO_SUCH_NAME = frozenset({socket.EAI_NONAME, socket.EAI_NODATA, socket.EAI_ADDRFAMILY})
"""getaddrinfo's answers for a name without addresses (NXDOMAIN, or no A/AAAA record)."""
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
ACCEPTED_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
_HEADERS = {
    "User-Agent": "summarizer-service/1 (article brief)",
    "Accept": "text/html,application/xhtml+xml,text/plain;q=0.8",
}


@dataclass(frozen=True)
class FetchLimits:
    timeout: float
    max_bytes: int
    max_redirects: int
    allow_private: bool = False


@dataclass(frozen=True)
class FetchedPage:
    url: str
    """Where the page was found, after redirects."""
    content_type: str
    """The media type without parameters, lower-cased; empty when the site sent none."""
    content: bytes
    charset: str | None = None
    """The charset the site's Content-Type names, if any."""


def address_refusal(address: IPAddress) -> str | None:
    """What kind of non-public address ``address`` is, or None when it is public."""
    if isinstance(address, IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is not None:
            return address_refusal(embedded)
    if address in METADATA_ADDRESSES:
        return "cloud metadata"
    if address.is_loopback:
        return "loopback"
    if address.is_link_local:
        return "link-local"
    if address.is_multicast:
        return "multicast"
    if address.is_unspecified:
        return "unspecified"
    if address.is_reserved:
        return "reserved"
    if address.is_private or not address.is_global:
        return "private"
    return None


async def resolve_host(host: str, port: int) -> list[IPAddress]:
    """Every address the system resolver gives for the name ``host``.

    Only a name that does not exist is the caller's error; any other failure (most often
    EAI_AGAIN: no answer from the name server in time) is the service's network failing.
    """
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        if isinstance(error, socket.gaierror) and error.errno not in NO_SUCH_NAME:
            raise DnsFailure(
                f"{host}: the service could not look up this name ({error.strerror}); "
                "try again later"
            ) from None
        raise InputError(f"{host}: no such host (it does not resolve)") from None
    return list(dict.fromkeys(ip_address(info[4][0]) for info in infos))


def check_url(url: httpx.URL) -> None:
    shown = redact_url(str(url))
    if url.scheme not in ("http", "https"):
        raise UrlRefused(f"{shown}: only http and https URLs can be fetched")
    if url.userinfo:
        raise UrlRefused(f"{shown}: URLs with a user name or password are refused")
    if not url.host:
        raise UrlRefused(f"{shown}: the URL has no host")


def pinned_request(client: httpx.AsyncClient, url: httpx.URL, address: IPAddress) -> httpx.Request:
    """A GET of ``url`` sent to ``address``, with the Host header and TLS name of ``url``."""
    if url.host == str(address):
        return client.build_request("GET", url)
    return client.build_request(
        "GET",
        url.copy_with(host=str(address)),
        headers={"Host": url.netloc.decode("ascii")},
        extensions={"sni_hostname": url.raw_host.decode("ascii")},
    )


class UrlFetcher:
    """Fetches pages within ``limits``. Stateless between fetches; safe on any event loop."""

    def __init__(
        self,
        limits: FetchLimits,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        resolver: Resolver = resolve_host,
    ) -> None:
        self.limits = limits
        self._transport = transport
        self._resolver = resolver

    async def fetch(self, url: str) -> FetchedPage:
        try:
            parsed = httpx.URL(url)
        except httpx.InvalidURL:
            raise UrlRefused(f"{redact_url(url)}: not a valid URL") from None
        if parsed.port is not None and not 0 < parsed.port < 65536:
            raise UrlRefused(f"{redact_url(url)}: not a valid URL (port {parsed.port})")
        try:
            async with asyncio.timeout(self.limits.timeout):
                return await self._follow(parsed)
        except TimeoutError:
            raise FetchTimeout(
                f"{redact_url(url)}: no complete answer within {self.limits.timeout:g}s"
            ) from None

    async def _follow(self, url: httpx.URL) -> FetchedPage:
        async with httpx.AsyncClient(
            transport=self._transport,
            headers=_HEADERS,
            follow_redirects=False,
            trust_env=False,  # a proxy would connect to an address we never checked
            limits=httpx.Limits(max_keepalive_connections=0),
            timeout=self.limits.timeout,
        ) as client:
            for _ in range(self.limits.max_redirects + 1):
                check_url(url)
                address = await self._checked_address(url)
                page_or_location = await self._get(client, url, address)
                if isinstance(page_or_location, FetchedPage):
                    return page_or_location
                url = url.join(page_or_location)
        raise FetchFailed(
            f"{redact_url(str(url))}: more than {self.limits.max_redirects} redirects"
        )

    async def _checked_address(self, url: httpx.URL) -> IPAddress:
        host = url.host
        try:
            addresses: list[IPAddress] = [ip_address(host)]
        except ValueError:
            addresses = await self._resolver(
                host, url.port or (443 if url.scheme == "https" else 80)
            )
        if not addresses:
            raise InputError(f"{host}: no such host (it does not resolve)")
        if not self.limits.allow_private:
            for address in addresses:
                reason = address_refusal(address)
                if reason is not None:
                    where = host if host == str(address) else f"{host} ({address})"
                    raise UrlRefused(
                        f"{redact_url(str(url))}: {where} is a {reason} address; "
                        "only public addresses are fetched"
                    )
        return addresses[0]

    async def _get(
        self, client: httpx.AsyncClient, url: httpx.URL, address: IPAddress
    ) -> FetchedPage | str:
        """The page at ``url``, or the Location it redirects to."""
        shown = redact_url(str(url))
        try:
            response = await client.send(pinned_request(client, url, address), stream=True)
            try:
                if response.status_code in REDIRECT_STATUSES:
                    location = str(response.headers.get("location", ""))
                    if not location:
                        raise FetchFailed(f"{shown}: a redirect without a Location")
                    return location
                if not response.is_success:
                    raise FetchFailed(f"{shown}: the site answered HTTP {response.status_code}")
                content_type = _media_type(response)
                if content_type and content_type not in ACCEPTED_TYPES:
                    raise InputError(f"{shown}: not a web page (content type {content_type})")
                content = await self._read(response, shown)
            finally:
                await response.aclose()
        except httpx.TimeoutException:
            raise FetchTimeout(f"{shown}: the site did not answer in time") from None
        except httpx.HTTPError as error:
            raise FetchFailed(f"{shown}: cannot be fetched ({type(error).__name__})") from None
        return FetchedPage(str(url), content_type, content, response.charset_encoding)

    async def _read(self, response: httpx.Response, shown: str) -> bytes:
        limit = self.limits.max_bytes
        too_large = InputError(f"{shown}: the page is larger than the {limit:,}-byte limit")
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise too_large
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > limit:
                raise too_large
            chunks.append(chunk)
        return b"".join(chunks)


def _media_type(response: httpx.Response) -> str:
    content_type = str(response.headers.get("content-type", ""))
    return content_type.split(";")[0].strip().lower()
