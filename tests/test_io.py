"""Unit tests of article reading (factex.io) and safe output writing (factex.output)."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from pathlib import Path

import pytest

from factex import io as fio
from factex.io import InputError, check_date, decode, read_article, read_meta
from factex.output import dumps, write_atomic

# -- check_date ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ("", None),
        ("2024-09-01", "2024-09-01"),
        (" 2024-09-01\n", "2024-09-01"),
        ("2024-02-29", "2024-02-29"),
        ("2024-09-01T10:30:00", "2024-09-01"),
        (dt.date(2024, 9, 1), "2024-09-01"),
        (dt.datetime(2024, 9, 1, 23, 59), "2024-09-01"),
    ],
)
def test_check_date_accepts(value, expected):
    assert check_date(value) == expected


@pytest.mark.parametrize("value", ["2024-13-45", "2023-02-29", "2024-9-1", "yesterday", "01/09/2024", "2024"])
def test_check_date_refuses_with_kind_and_source(value):
    with pytest.raises(InputError) as info:
        check_date(value, "--date")
    exc = info.value
    assert isinstance(exc, ValueError)
    assert exc.kind == "bad-date"
    assert exc.source == "--date"
    assert str(exc).startswith("--date: ")
    assert repr(value) in str(exc)


@pytest.mark.parametrize("value", ["2024-09-011", "2024-09-01x", "2024-09-01 garbage"])
def test_check_date_refuses_trailing_garbage(value):
    with pytest.raises(InputError):
        check_date(value)


# -- decode ---------------------------------------------------------------------------------------


def test_decode_utf8_keeps_text_exactly():
    text = "Exports rose 6.3\u202fpercent\r\nto \u20ac5bn \u2014 a record.\n"
    assert decode(text.encode("utf-8"), "a.txt") == text


def test_decode_strips_a_utf8_bom_only():
    assert decode(b"\xef\xbb\xbfGrain: 5 tons", "a.txt") == "Grain: 5 tons"


@pytest.mark.parametrize(
    ("data", "kind", "words"),
    [
        (b"PK\x03\x04\x00\x00binary", "binary", "NUL"),
        ("Grain 5 t".encode("utf-16"), "binary", "binary"),
        ("caf\xe9 costs 5 euros".encode("latin-1"), "encoding", "0xe9 at offset 3"),
        (b"", "empty", "empty"),
        (b" \n\t\r\n", "empty", "empty"),
    ],
    ids=["nul", "utf16", "latin1", "empty", "blank"],
)
def test_decode_errors_have_kind_and_name_the_source(data, kind, words):
    with pytest.raises(InputError) as info:
        decode(data, "corpus/x.txt")
    assert info.value.kind == kind
    assert info.value.source == "corpus/x.txt"
    assert str(info.value).startswith("corpus/x.txt: ")
    assert words in str(info.value)
    assert "\n" not in str(info.value)


def test_decode_refuses_too_large(monkeypatch):
    monkeypatch.setattr(fio, "MAX_BYTES", 10)
    assert decode(b"0123456789", "ok.txt") == "0123456789"
    with pytest.raises(InputError) as info:
        decode(b"0123456789A", "big.txt")
    assert info.value.kind == "too-large"
    assert "big.txt" in str(info.value)


# -- read_meta ------------------------------------------------------------------------------------


def _article(folder: Path, name: str = "story", text: str = "Output rose 5 percent.\n", meta=None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.txt"
    path.write_bytes(text.encode("utf-8"))
    if meta is not None:
        body = meta if isinstance(meta, str) else json.dumps(meta)
        (folder / f"{name}.meta.json").write_text(body, encoding="utf-8")
    return path


def test_read_meta_without_sidecar_is_empty(tmp_path):
    assert read_meta(_article(tmp_path)) == {}


def test_read_meta_reads_the_sidecar_of_the_same_stem(tmp_path):
    path = _article(tmp_path, "a.b", meta={"date": "2024-09-01", "source": "Wire"})
    _article(tmp_path, "a", meta={"date": "1999-01-01"})
    assert read_meta(path) == {"date": "2024-09-01", "source": "Wire"}


@pytest.mark.parametrize(
    ("body", "words"),
    [("{bad json", "unreadable metadata"), ('["2024-09-01"]', "JSON object"), ("null", "JSON object")],
    ids=["malformed", "list", "null"],
)
def test_read_meta_refuses_bad_sidecars(tmp_path, body, words):
    path = _article(tmp_path, meta=body)
    with pytest.raises(InputError) as info:
        read_meta(path)
    assert info.value.kind == "bad-metadata"
    assert info.value.source == str(tmp_path / "story.meta.json")
    assert words in str(info.value)


def test_read_meta_refuses_non_utf8_sidecar(tmp_path):
    path = _article(tmp_path)
    (tmp_path / "story.meta.json").write_bytes('{"source": "Caf\xe9"}'.encode("latin-1"))
    with pytest.raises(InputError) as info:
        read_meta(path)
    assert info.value.kind == "bad-metadata"


def test_read_meta_accepts_a_bom(tmp_path):
    path = _article(tmp_path)
    (tmp_path / "story.meta.json").write_bytes(b"\xef\xbb\xbf" + json.dumps({"date": "2024-09-01"}).encode())
    assert read_meta(path) == {"date": "2024-09-01"}


# -- read_article ---------------------------------------------------------------------------------

META = {
    "date": "2025-11-20",
    "url": "https://example.org/story",
    "title": "Harvest beats fears",
    "source": "Prairie Farm Weekly",
}


def test_read_article_takes_date_and_fields_from_the_sidecar(tmp_path):
    text = "Wheat output rose 5 percent\r\nto 12 million tonnes.\n"
    article = read_article(_article(tmp_path, text=text, meta=META))
    assert article.text == text
    assert article.date == "2025-11-20"
    assert (article.url, article.title, article.source) == (META["url"], META["title"], META["source"])
    assert article.path == str(tmp_path / "story.txt")


@pytest.mark.parametrize("date", ["2024-09-01", dt.date(2024, 9, 1)])
def test_read_article_explicit_date_wins_over_sidecar(tmp_path, date):
    article = read_article(_article(tmp_path, meta=META), date=date)
    assert article.date == "2024-09-01"
    assert article.url == META["url"]  # the other sidecar fields still count


def test_read_article_without_sidecar_or_date(tmp_path):
    article = read_article(str(_article(tmp_path)))
    assert article.date is None
    assert (article.url, article.title, article.source) == (None, None, None)


def test_read_article_id_is_path_relative_to_base_or_sidecar_id(tmp_path):
    path = _article(tmp_path / "sub", "story")
    assert read_article(path, base=tmp_path).id == "sub/story"
    assert read_article(path, base=tmp_path / "elsewhere").id == "story"  # outside the base: the file's stem
    assert read_article(path).id == "story"  # never an absolute path
    path2 = _article(tmp_path / "sub", "other", meta={"id": "wire-123"})
    assert read_article(path2, base=tmp_path).id == "wire-123"


def test_read_article_bad_sidecar_date_names_the_sidecar(tmp_path):
    path = _article(tmp_path, meta={"date": "20 Nov"})
    with pytest.raises(InputError) as info:
        read_article(path)
    assert info.value.kind == "bad-date"
    assert info.value.source == str(tmp_path / "story.meta.json")


def test_read_article_bad_explicit_date(tmp_path):
    with pytest.raises(InputError) as info:
        read_article(_article(tmp_path), date="2024-13-45")
    assert info.value.kind == "bad-date"


@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (lambda p: p / "nope.txt", "missing"),
        (lambda p: p, "directory"),
        (lambda p: _bytes(p / "bin.txt", b"abc\x00def"), "binary"),
        (lambda p: _bytes(p / "lat.txt", "na\xefve".encode("latin-1")), "encoding"),
        (lambda p: _bytes(p / "empty.txt", b""), "empty"),
    ],
    ids=["missing", "directory", "binary", "latin1", "empty"],
)
def test_read_article_errors_name_the_file(tmp_path, make, kind):
    path = make(tmp_path)
    with pytest.raises(InputError) as info:
        read_article(path)
    assert info.value.kind == kind
    assert info.value.source == str(path)
    assert str(info.value).startswith(f"{path}: ")


def _bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# -- write_atomic ---------------------------------------------------------------------------------


def test_write_atomic_writes_and_leaves_no_temp_files(tmp_path):
    target = tmp_path / "deep" / "er" / "a.claims.json"
    write_atomic(target, "first\n")
    write_atomic(target, "second \u20ac\n")
    assert target.read_text(encoding="utf-8") == "second \u20ac\n"
    assert [p.name for p in target.parent.iterdir()] == ["a.claims.json"]


def test_write_atomic_keeps_old_content_when_writing_raises(tmp_path):
    target = tmp_path / "a.claims.json"
    write_atomic(target, "old\n")
    with pytest.raises(UnicodeEncodeError):
        write_atomic(target, "new \ud800 half written")  # a lone surrogate cannot be encoded
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.claims.json"]


def test_write_atomic_keeps_old_content_when_rename_fails(tmp_path, monkeypatch):
    target = tmp_path / "a.claims.json"
    write_atomic(target, "old\n")

    def fail(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="No space"):
        write_atomic(target, "new\n")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.claims.json"]


def test_write_atomic_of_a_new_file_leaves_nothing_on_failure(tmp_path):
    with pytest.raises(UnicodeEncodeError):
        write_atomic(tmp_path / "new.json", "\udfff")
    assert list(tmp_path.iterdir()) == []


def test_write_atomic_honours_the_umask(tmp_path):
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "a.json", "{}\n")
        (tmp_path / "b.json").write_text("{}\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.json").stat().st_mode) == stat.S_IMODE((tmp_path / "b.json").stat().st_mode)


def test_dumps_is_utf8_and_round_trips():
    document = {"b": 1, "a": ["\u20ac5bn", None, 2.5]}
    text = dumps(document)
    assert "\u20ac" in text
    assert list(json.loads(text)) == ["b", "a"]  # order as built, not sorted
    assert json.loads(text) == document
    assert "\n" not in dumps(document, indent=None)
