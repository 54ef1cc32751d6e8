"""Reading readout files: front matter, encodings and the clear errors bad files get."""

import datetime as dt
import re

import pytest

from engagements.documents import DocumentError, iter_document_paths, parse_document, read_bytes


def test_front_matter_is_split_from_the_body():
    raw = (
        b"---\ntitle: Ministers meet\npublished: 2026-03-04\n"
        b"source_url: https://example.org/readout\n---\nThe ministers met.\n"
    )
    doc = parse_document(raw, name="a.txt")
    assert (doc.title, doc.published, doc.source_url) == (
        "Ministers meet",
        dt.date(2026, 3, 4),
        "https://example.org/readout",
    )
    assert doc.body == "The ministers met.\n"
    assert len(doc.sha256) == 64


def test_document_without_front_matter_is_all_body():
    doc = parse_document(b"Secretary X met Minister Y.", name="a.txt")
    assert doc.title == "" and doc.published is None
    assert doc.body == "Secretary X met Minister Y."


def test_utf8_byte_order_mark_and_windows_line_endings_are_accepted():
    doc = parse_document(b"\xef\xbb\xbf---\r\ntitle: T\r\n---\r\nBody text.\r\n", name="a.txt")
    assert doc.title == "T" and doc.body == "Body text.\n"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "is empty"),
        (b"  \n\t\n", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("Caf\u00e9 meeting".encode("latin-1"), "not UTF-8"),
        (b"---\ntitle: Never closed\nThe ministers met.\n", "never closed"),
        (b"---\nthis line has no colon\n---\nBody.", "malformed front matter on line 2"),
        (b"---\npublished: next Tuesday\n---\nBody.", "'published'"),
        (b"---\nsource_url: javascript:alert(1)\n---\nBody.", "not an http(s) URL"),
        (b"---\nauthor: someone\n---\nBody.", "unknown front matter key"),
        (b"---\ntitle: Only front matter\n---\n\n", "no text after its front matter"),
    ],
)
def test_bad_documents_get_a_clear_error(raw, message):
    with pytest.raises(DocumentError, match=re.escape(message)):
        parse_document(raw, name="bad.txt")


def test_oversized_file_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2048)
    with pytest.raises(DocumentError, match="larger than the 1,024-byte limit"):
        read_bytes(big, max_bytes=1024)


def test_folders_expand_to_documents_in_name_order(tmp_path):
    (tmp_path / "b.md").write_text("b")
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_text("c")
    found = iter_document_paths([tmp_path, tmp_path / "missing.txt", tmp_path / "notes.pdf"])
    names = [(p.name, problem) for p, problem in found]
    assert names == [
        ("a.txt", None),
        ("b.md", None),
        ("c.txt", None),
        ("missing.txt", "does not exist"),
        ("notes.pdf", "is not a .txt or .md document"),
    ]
