"""The HTTP client against a misbehaving loopback server: every failure is a clear, logged reason."""
import pytest

from flows.fetch import FetchConfig, Fetcher
from faultserver import FaultServer

FAST = FetchConfig(read_timeout=1.0, connect_timeout=1.0, backoff=0.05, max_bytes=1_000_000, retries=2)


@pytest.fixture(scope="module")
def server():
    with FaultServer() as s:
        yield s


@pytest.fixture()
def fetcher():
    with Fetcher(FAST) as f:
        yield f


def test_ok_page_sends_our_user_agent(server, fetcher):
    res = fetcher.get(server.url("/ok"))
    assert res.ok and b"fine" in res.body and res.error is None
    assert len(res.attempts) == 1 and res.attempts[0].status == 200


def test_404_is_permanent_and_not_retried(server, fetcher):
    res = fetcher.get(server.url("/status/404"))
    assert not res.ok and res.error == "http 404" and len(res.attempts) == 1


def test_500_is_retried_then_reported(server, fetcher):
    res = fetcher.get(server.url("/status/500"))
    assert res.error == "http 500" and [a.attempt for a in res.attempts] == [1, 2, 3]


def test_transient_503_recovers_within_the_retries(server, fetcher):
    res = fetcher.get(server.url("/flaky/2"))
    assert res.ok and res.body == b"recovered" and [a.status for a in res.attempts] == [503, 503, 200]


def test_429_honours_retry_after(server, fetcher):
    res = fetcher.get(server.url("/retry-after"))
    assert res.ok and [a.status for a in res.attempts] == [429, 200]
    assert res.attempts[1].fetched_at.timestamp() - res.attempts[0].fetched_at.timestamp() >= 0.9


def test_body_over_the_cap_is_refused(server, fetcher):
    res = fetcher.get(server.url("/big"))
    assert not res.ok and res.error.startswith("too large") and res.body is None


def test_read_timeout_is_reported(server):
    with Fetcher(FetchConfig(read_timeout=0.3, retries=0)) as f:
        res = f.get(server.url("/slow"))
    assert not res.ok and res.error.startswith("timeout")


def test_redirect_loop_and_scheme_change_are_refused(server, fetcher):
    assert fetcher.get(server.url("/loop")).error.startswith("too many redirects")
    assert fetcher.get(server.url("/to-file")).error.startswith("refused scheme")
    assert fetcher.get("file:///etc/passwd").error.startswith("refused scheme")


def test_connection_refused_is_transient_and_clear():
    with Fetcher(FetchConfig(retries=1, backoff=0.01, connect_timeout=0.5)) as f:
        res = f.get("http://127.0.0.1:9/feed")
    assert res.error.startswith("connection") and len(res.attempts) == 2


def test_conditional_get_gets_304(server, fetcher):
    first = fetcher.get(server.url("/etag"), "feed")
    again = fetcher.get(server.url("/etag"), "feed", etag=first.headers["etag"])
    assert first.ok and again.not_modified and again.error is None
