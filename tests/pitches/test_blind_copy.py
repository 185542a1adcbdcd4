"""The copy for blind rounds drops each place, besides its properties, where a PDF may name
its maker, and keeps the pages as they were."""

import io

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    NullObject,
    NumberObject,
    TextStringObject,
)

from pitch.pitches.blind_deck import without_properties
from tests.pdfs import NAME_PLACES, make_pdf_naming_in

NAME = "Sora Inc."
# pypdf writes the name's full stop as \056: look for the rest.
MARK = b"Sora Inc"


def _pages(data: bytes) -> list[tuple]:
    """What a judge sees of each page: its size and what it draws, with what."""
    return [(float(page.mediabox.width), float(page.mediabox.height),
             page.get_contents().get_data() if page.get_contents() else b"",
             sorted(page["/Resources"].get("/XObject", {}).keys()) if "/Resources" in page
             else [])
            for page in PdfReader(io.BytesIO(data)).pages]


@pytest.mark.parametrize("place", sorted(NAME_PLACES))
def test_the_name_is_dropped_and_the_pages_kept(place):
    original = make_pdf_naming_in(place, NAME)
    copy = without_properties(original)
    assert MARK in original and MARK not in copy
    assert _pages(copy) == _pages(original)


def test_a_comment_keeps_its_text_without_its_author():
    copy = PdfReader(io.BytesIO(without_properties(make_pdf_naming_in("comment_author", NAME))))
    [comment] = [a.get_object() for a in copy.pages[0]["/Annots"]]
    assert comment["/Subtype"] == "/Text" and comment["/Contents"] == "Check the numbers"
    assert "/T" not in comment


def test_a_file_attachment_goes_with_its_pop_up():
    copy = PdfReader(io.BytesIO(without_properties(
        make_pdf_naming_in("file_attachment_annotation", NAME))))
    assert copy.pages[0].get("/Annots", []) == []


def test_the_bookmarks_go():
    copy = PdfReader(io.BytesIO(without_properties(make_pdf_naming_in("bookmark", NAME))))
    assert copy.outline == [] and "/Outlines" not in copy.trailer["/Root"]


def test_form_fields_keep_their_names_and_junk_among_the_comments_is_no_error():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf_naming_in("comment_author",
                                                                          NAME))))
    field = DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Widget"),
        NameObject("/FT"): NameObject("/Tx"), NameObject("/T"): TextStringObject("score"),
        NameObject("/Rect"): ArrayObject([NumberObject(n) for n in (40, 40, 90, 60)])})
    writer.add_annotation(0, field)
    writer.pages[0]["/Annots"].append(NullObject())
    out = io.BytesIO()
    writer.write(out)
    copy = PdfReader(io.BytesIO(without_properties(out.getvalue())))
    annotations = [a.get_object() for a in copy.pages[0]["/Annots"]]
    assert [a.get("/T") if isinstance(a, DictionaryObject) else a for a in annotations] == [
        None, "score", NullObject()]
