"""The one HTTP client for official data: urllib3 with timeouts, a few retries with backoff on
429 and 5xx (honouring Retry-After up to a limit), a descriptive User-Agent, a size limit.

Every failure is a KvtrackError with one line that names the URL; nothing here writes a file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kvtrack import __version__
from kvtrack.core.limits import MAX_INPUT_BYTES
from kvtrack.errors import KvtrackError

if TYPE_CHECKING:
    from urllib3 import PoolManager

USER_AGENT = f"kvtrack/{__version__} (tracks the Dutch cabinet's commitments; urllib3)"
RETRY_STATUSES = (429, 500, 502, 503, 504)


@dataclass(frozen=True, slots=True)
class HttpSettings:
    timeout: float = 30.0  # seconds to connect, and between bytes read
    retries: int = 3  # after the first attempt
    backoff: float = 0.5  # seconds; the waits grow 0, 2x, 4x, ... (urllib3's backoff)
    max_retry_after: float = 60.0  # a server asking for longer is waited for only this long
    max_bytes: int = MAX_INPUT_BYTES


@dataclass(frozen=True, slots=True)
class Response:
    url: str
    status: int
    content_type: str
    body: bytes


class Client:
    def __init__(self, settings: HttpSettings | None = None) -> None:
        self.settings = settings or HttpSettings()
        self._pool: PoolManager | None = None

    def get(self, url: str, accept: str = "*/*") -> Response:
        """The body of `url` (a 2xx answer); KvtrackError with one line otherwise."""
        return self.check(self.fetch(url, accept))

    def check(self, response: Response) -> Response:
        """`response` if it is a 2xx answer; KvtrackError naming the URL and status otherwise."""
        url, status = response.url, response.status
        if status == 404:
            raise KvtrackError(f"{url}: not found (HTTP 404)")
        if not 200 <= status < 300:
            attempts = (
                ""
                if status not in RETRY_STATUSES
                else f" after {self.settings.retries + 1} attempts"
            )
            raise KvtrackError(f"{url}: the server answered HTTP {status}{attempts}")
        return response

    def fetch(self, url: str, accept: str = "*/*") -> Response:
        """The answer to GET `url` after retries, whatever its status; KvtrackError when there is
        none (no connection, a timeout, too large)."""
        if not url.startswith(("http://", "https://")):
            raise KvtrackError(f"{url}: only http:// and https:// URLs can be fetched")
        from urllib3.exceptions import HTTPError, MaxRetryError

        try:
            response = self.pool().request(
                "GET",
                url,
                headers={"User-Agent": USER_AGENT, "Accept": accept},
                preload_content=False,
            )
            try:
                body = self._read(response, url)
            finally:
                response.release_conn()
        except MaxRetryError as e:
            raise KvtrackError(f"{url}: could not fetch it: {_reason(e.reason)}") from None
        except HTTPError as e:
            raise KvtrackError(f"{url}: could not fetch it: {_reason(e)}") from None
        content_type = str(response.headers.get("Content-Type", ""))
        return Response(url, int(response.status), content_type, body)

    def _read(self, response: Any, url: str) -> bytes:
        chunks: list[bytes] = []
        size = 0
        for chunk in response.stream(64 * 1024):
            size += len(chunk)
            if size > self.settings.max_bytes:
                raise KvtrackError(
                    f"{url}: the answer is larger than {self.settings.max_bytes:,} bytes; "
                    "kvtrack stopped reading it"
                )
            chunks.append(chunk)
        return b"".join(chunks)

    def pool(self) -> PoolManager:
        if self._pool is None:
            self._pool = _pool(self.settings)
        return self._pool


def _pool(settings: HttpSettings) -> PoolManager:
    from urllib3 import PoolManager, Timeout
    from urllib3.util.retry import Retry

    class _Retry(Retry):
        def get_retry_after(self, response: Any) -> float | None:
            wanted = super().get_retry_after(response)
            return None if wanted is None else min(wanted, settings.max_retry_after)

    retry = _Retry(
        total=settings.retries,
        backoff_factor=settings.backoff,
        status_forcelist=RETRY_STATUSES,
        allowed_methods=frozenset({"GET"}),
        raise_on_status=False,  # the last answer comes back, so the message can name its status
        respect_retry_after_header=True,
    )
    return PoolManager(
        retries=retry,
        timeout=Timeout(connect=settings.timeout, read=settings.timeout),
    )


def _reason(error: object) -> str:
    """urllib3's reasons, shortened to what a person can act on."""
    from urllib3.exceptions import NewConnectionError, ReadTimeoutError, ResponseError

    if isinstance(error, ReadTimeoutError):
        return "no answer within the timeout (--timeout sets it)"
    if isinstance(error, NewConnectionError):
        return "cannot connect (no network, or a wrong --base-url/URL?)"
    if isinstance(error, ResponseError):
        return str(error)
    text = str(error)
    return text.split(": ", 1)[-1] if ": " in text else text
