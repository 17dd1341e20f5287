"""X (Twitter) archive."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from helpers_a import (
    FIXTURES,
    attachment_bytes,
    ctx,
    load_module,
    mutate,
    only_safecase_errors,
    parse,
    sha,
    utc,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safecase.errors import BadInput
from safecase.importers.registry import detect
from safecase.importers.util import strip_js_assignment
from safecase.importers.x_archive import XArchiveImporter

D = FIXTURES / "x"
fx = load_module(D / "make_fixtures.py")


def test_archive_folder() -> None:
    path = D / "archive"
    assert detect(path).name == "x-archive"
    assert sorted(p.name for p in XArchiveImporter().source_files(path)) == [
        "account.js", "direct-messages-group.js", "direct-messages.js", "tweets.js"]
    events, c = parse(XArchiveImporter, path)
    dms = sorted((e for e in events if e.kind == "message"), key=lambda e: e.ts_ms or 0)
    assert [(utc(e.ts_ms), e.direction, e.sender, e.text) for e in dms] == [
        ("2024-03-10T09:20:00", "incoming", fx.ALEX, "Why did you block me? 😢\nAnswer me."),
        ("2024-03-10T09:25:00", "outgoing", fx.SAM, "Stop contacting me."),
        ("2024-03-11T23:40:05", "incoming", fx.ALEX,
         "Look familiar? https://t.co/abc123 https://t.co/img456"),
        ("2024-03-12T10:01:00", "incoming", fx.ALEX, "Everyone should know what Sam did"),
    ]
    assert dms[1].recipients == [fx.ALEX] and dms[1].party == fx.ALEX
    assert dms[1].extra["reactions"][0]["reaction"] == "angry"
    assert dms[2].extra["links"] == ["https://example.com/your-street"]
    assert [sha(b) for b in attachment_bytes(dms[2])] == [sha(fx.PHOTO)]
    assert dms[3].extra["conversation"] == "1766000000000000777"
    posts = [e for e in events if e.kind == "post"]
    assert [(e.text, e.party, e.recipients, e.direction) for e in posts] == [
        ("@alex_m Leave me alone. #stop", "alex_m", ["alex_m"], "outgoing"),
        ("Thanks @friend_jo for being there &amp; listening", "friend_jo", ["friend_jo"],
         "outgoing"),
    ]
    assert utc(posts[0].ts_ms) == "2024-03-10T09:30:00"
    assert any("joins, leaves" in n for n in c.notes)


def test_archive_zip(tmp_path: Path) -> None:
    z = tmp_path / "twitter-2024-04-01.zip"
    with zipfile.ZipFile(z, "w") as zf:
        for f in sorted((D / "archive").rglob("*")):
            if f.is_file():
                zf.write(f, f.relative_to(D / "archive").as_posix())
    assert detect(z).name == "x-archive"
    events, _ = parse(XArchiveImporter, z)
    assert len(events) == 6 and sum(bool(attachment_bytes(e)) for e in events) == 1


def test_single_dm_file_with_me(tmp_path: Path) -> None:
    p = tmp_path / "direct-messages.js"
    p.write_bytes((D / "archive/data/direct-messages.js").read_bytes())
    assert detect(p).name == "x-archive"
    events, c = parse(XArchiveImporter, p, ctx([fx.SAM]))
    assert [e.direction for e in events] == ["incoming", "outgoing", "incoming"]
    events, c = parse(XArchiveImporter, p)
    assert {e.direction for e in events} == {"unknown"} and any("--me" in n for n in c.notes)


def test_javascript_is_never_evaluated(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="window.YTD"):
        strip_js_assignment(b"alert(1); window.YTD.x.part0 = []", "f", "data/x.js")
    assert strip_js_assignment(b"window.YTD.tweets.part0 = [1]", "f", "x") == b"[1]"
    p = tmp_path / "direct-messages.js"
    p.write_bytes(b"window.YTD.direct_messages.part0 = [{dmConversation: (function(){})()}]")
    with pytest.raises(BadInput, match="not valid JSON"):
        parse(XArchiveImporter, p)


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32), n=st.integers(1, 30),
       name=st.sampled_from(["direct-messages.js", "tweets.js", "direct-messages-group.js"]))
def test_fuzz(tmp_path: Path, seed: int, n: int, name: str) -> None:
    d = tmp_path / f"{seed}{name}"
    d.mkdir(exist_ok=True)
    p = d / name
    p.write_bytes(mutate((D / "archive/data" / name).read_bytes(), seed, n))
    only_safecase_errors(lambda: parse(XArchiveImporter, p, ctx([fx.SAM])))
