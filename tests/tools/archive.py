"""Reads a PDF with pikepdf (qpdf) and prints what a PDF/A-2b checker looks at.

Prints JSON: the conformance the XMP metadata declares ("2B"), the title and producer in the
document information and in the XMP, the output intents (subtype, colour components and the
class and colour space of the embedded ICC profile), qpdf's syntax problems, whether the
trailer has a file ID, whether the metadata stream is filtered or the file encrypted, every
font with whether its program is embedded, and images that ask for interpolation.

    python archive.py FILE.pdf
"""

import json
import sys

import pikepdf


def font_program(font: pikepdf.Object) -> bool:
    """Whether the font (or the CID font of a Type0 font) embeds its program."""
    if font.get("/Subtype") == "/Type0":
        font = font.DescendantFonts[0]
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and any(
        key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
    )


def main(path: str) -> None:
    pdf = pikepdf.open(path)
    meta = pdf.open_metadata()
    intents = []
    for intent in pdf.Root.get("/OutputIntents", []):
        profile = intent.DestOutputProfile
        data = profile.read_bytes()
        intents.append({
            "subtype": str(intent.S),
            "components": int(profile.N),
            "class": data[12:16].decode("latin-1"),
            "colour_space": data[16:20].decode("latin-1").strip(),
        })
    fonts, interpolated = {}, 0
    for page in pdf.pages:
        resources = page.obj.get("/Resources", {})
        for font in resources.get("/Font", {}).values():
            fonts[str(font.get("/BaseFont"))] = font_program(font)
        for image in resources.get("/XObject", {}).values():
            if image.get("/Interpolate", False):
                interpolated += 1
    info = pdf.docinfo
    json.dump({
        "pdfa": meta.pdfa_status,
        "info_title": str(info.get("/Title", "")),
        "xmp_title": meta.get("dc:title", ""),
        "info_producer": str(info.get("/Producer", "")),
        "xmp_producer": meta.get("pdf:Producer", ""),
        "output_intents": intents,
        "syntax_problems": pdf.check_pdf_syntax(),
        "file_id": "/ID" in pdf.trailer,
        "metadata_filtered": "/Filter" in pdf.Root.Metadata,
        "encrypted": pdf.is_encrypted,
        "fonts": fonts,
        "interpolated_images": interpolated,
    }, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
