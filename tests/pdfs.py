"""Real PDFs for tests of decks, made with pypdf, optionally naming their maker."""

import io

from pypdf import PdfWriter
from pypdf.generic import NameObject, StreamObject

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
