"""Real PDFs for tests of decks, made with pypdf, optionally naming their maker."""

import io

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

# The document properties a startup's own software fills in.
PROPERTIES = ("Author", "Creator", "Producer", "Title", "Subject", "Keywords")
_XMP = """<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<dc:creator><rdf:Seq><rdf:li>{name}</rdf:li></rdf:Seq></dc:creator>
<pdf:Producer>{name}</pdf:Producer>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>"""


def page_sizes(pages: int) -> list[tuple[float, float]]:
    """Each page its own width, so a test can tell the pages and their order apart."""
    return [(300.0 + 10 * number, 400.0) for number in range(pages)]


def make_pdf(pages: int = 1, name: str | None = None) -> bytes:
    """A PDF of blank pages; with ``name``, every property, the document's XMP metadata and
    its first page's XMP metadata carry that name."""
    writer = PdfWriter()
    for width, height in page_sizes(pages):
        writer.add_blank_page(width=width, height=height)
    if name is not None:
        writer.add_metadata({f"/{key}": name for key in PROPERTIES})
        xmp = _XMP.format(name=name).encode()
        writer.xmp_metadata = xmp
        page_xmp = StreamObject()
        page_xmp.set_data(xmp)
        writer.pages[0][NameObject("/Metadata")] = writer._add_object(page_xmp)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def encrypted(data: bytes, algorithm: str, open_password: str = "") -> bytes:
    """``data`` encrypted as Acrobat or Office encrypt a permission-restricted file: with an
    owner password, and an open password only when one is given."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=open_password, owner_password="owner", algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _stream(data: bytes, **entries) -> StreamObject:
    stream = StreamObject()
    stream.set_data(data)
    stream.update({NameObject(key): value for key, value in entries.items()})
    return stream


def _private_data(name: str) -> DictionaryObject:
    """A /PieceInfo dictionary, where an application keeps its own data."""
    return DictionaryObject({NameObject("/Slides"): DictionaryObject({
        NameObject("/LastModified"): TextStringObject("D:20260401000000Z"),
        NameObject("/Private"): TextStringObject(name)})})


def _name_in_piece_info(writer: PdfWriter, name: str) -> None:
    writer.root_object[NameObject("/PieceInfo")] = _private_data(name)
    writer.pages[0][NameObject("/PieceInfo")] = _private_data(name)


def _name_in_xobject_metadata(writer: PdfWriter, name: str) -> None:
    xmp = _XMP.format(name=name).encode()
    image = _stream(b"\x80", **{"/Type": NameObject("/XObject"), "/Subtype": NameObject("/Image"),
                               "/Width": NumberObject(1), "/Height": NumberObject(1),
                               "/ColorSpace": NameObject("/DeviceGray"),
                               "/BitsPerComponent": NumberObject(8),
                               "/Metadata": writer._add_object(_stream(xmp))})
    form = _stream(b"0 0 1 rg 0 0 50 50 re f", **{
        "/Type": NameObject("/XObject"), "/Subtype": NameObject("/Form"),
        "/BBox": ArrayObject([NumberObject(0), NumberObject(0), NumberObject(50),
                              NumberObject(50)]),
        "/Metadata": writer._add_object(_stream(xmp))})
    page = writer.pages[0]
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): DictionaryObject({
        NameObject("/Im1"): writer._add_object(image),
        NameObject("/Fm1"): writer._add_object(form)})})
    page.replace_contents(_stream(b"q 100 0 0 100 0 0 cm /Im1 Do Q /Fm1 Do"))


def _name_in_comment(writer: PdfWriter, name: str) -> None:
    writer.add_annotation(0, DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Text"),
        NameObject("/Rect"): ArrayObject([NumberObject(n) for n in (10, 10, 30, 30)]),
        NameObject("/T"): TextStringObject(name),
        NameObject("/Contents"): TextStringObject("Check the numbers")}))


def _name_in_embedded_file(writer: PdfWriter, name: str) -> None:
    writer.add_attachment(f"{name} financials.txt", b"revenue")


def _name_in_attached_file(writer: PdfWriter, name: str) -> None:
    contents = writer._add_object(_stream(b"revenue", **{"/Type": NameObject("/EmbeddedFile")}))
    attachment = writer.add_annotation(0, DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"),
        NameObject("/Subtype"): NameObject("/FileAttachment"),
        NameObject("/Rect"): ArrayObject([NumberObject(n) for n in (40, 10, 60, 30)]),
        NameObject("/FS"): DictionaryObject({
            NameObject("/Type"): NameObject("/Filespec"),
            NameObject("/F"): TextStringObject(f"{name} financials.txt"),
            NameObject("/EF"): DictionaryObject({NameObject("/F"): contents})})}))
    writer.add_annotation(0, DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Popup"),
        NameObject("/Rect"): ArrayObject([NumberObject(n) for n in (60, 10, 160, 60)]),
        NameObject("/Parent"): attachment.indirect_reference}))


def _name_in_associated_file(writer: PdfWriter, name: str) -> None:
    """PDF 2.0's associated files (/AF), as PDF/A-3 invoices carry their data."""
    contents = writer._add_object(_stream(b"revenue", **{"/Type": NameObject("/EmbeddedFile")}))
    writer.root_object[NameObject("/AF")] = ArrayObject([writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Filespec"),
        NameObject("/F"): TextStringObject(f"{name} financials.txt"),
        NameObject("/EF"): DictionaryObject({NameObject("/F"): contents})}))])


def _name_in_bookmark(writer: PdfWriter, name: str) -> None:
    writer.add_outline_item(title=f"{name}: our vision", page_number=0)


# Where, besides its properties, a PDF may carry its maker's name.
NAME_PLACES = {
    "piece_info": _name_in_piece_info,
    "xobject_metadata": _name_in_xobject_metadata,
    "comment_author": _name_in_comment,
    "embedded_file": _name_in_embedded_file,
    "file_attachment_annotation": _name_in_attached_file,
    "associated_file": _name_in_associated_file,
    "bookmark": _name_in_bookmark,
}


def make_pdf_naming_in(place: str, name: str, pages: int = 2) -> bytes:
    """A PDF of ``pages`` pages that carries ``name`` in one of NAME_PLACES, and nowhere else."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(pages))))
    NAME_PLACES[place](writer, name)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
