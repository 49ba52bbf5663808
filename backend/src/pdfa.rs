//! PDF/A-2b (ISO 19005-2, level B), the archival form of PDF: what a certificate or report needs
//! beside its pages so that an archive keeps it and renders it the same in decades. XMP metadata
//! declares the conformance and repeats the title and producer of the document information; an
//! output intent with an embedded sRGB profile gives the pages' device RGB and gray colours a
//! meaning; the trailer names the file. Fonts are embedded by [`crate::fonts`].

use crate::downloads::Language;
use pdf_writer::types::OutputIntentSubtype;
use pdf_writer::{Finish, Pdf, Ref, TextStr};
use sha2::{Digest, Sha256};
use xmp_writer::{LangId, XmpWriter};

/// sRGB, ICC v2 (from icc-profiles-free, zlib licence: `backend/icc/LICENSE-sRGB.txt`).
const SRGB: &[u8] = include_bytes!("../icc/sRGB.icc");

const PRODUCER: &str = "Mentorat";

/// Writes the document catalog at `catalog` over the page tree `pages`, with its information
/// dictionary, XMP metadata and output intent at refs taken from `next`, and the file
/// identifier (derived from the title, which names the document uniquely enough for a file
/// that is rendered anew on every download).
pub fn catalog(
    pdf: &mut Pdf,
    catalog: Ref,
    pages: Ref,
    next: &mut Ref,
    title: &str,
    language: Language,
) {
    let (info, metadata, profile) = (next.bump(), next.bump(), next.bump());
    let lang = match language {
        Language::De => "de",
        Language::En => "en",
    };
    let mut root = pdf.catalog(catalog);
    root.pages(pages).metadata(metadata).lang(TextStr(lang));
    root.output_intents()
        .push()
        .subtype(OutputIntentSubtype::PDFA)
        .output_condition_identifier(TextStr("sRGB IEC61966-2.1"))
        .info(TextStr("sRGB IEC61966-2.1"))
        .dest_output_profile(profile);
    root.finish();
    pdf.document_info(info)
        .title(TextStr(title))
        .producer(TextStr(PRODUCER));
    pdf.icc_profile(profile, SRGB).n(3);

    let mut xmp = XmpWriter::new();
    xmp.title([(None, title)])
        .language([LangId(lang)])
        .format("application/pdf")
        .producer(PRODUCER)
        .pdfa_part(2)
        .pdfa_conformance("B");
    let xml = xmp.finish(None);
    pdf.metadata(metadata, xml.as_bytes());

    let id = Sha256::digest(title.as_bytes())[..16].to_vec();
    pdf.set_file_id((id.clone(), id));
}
