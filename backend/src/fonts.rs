//! The typeface of every PDF: DejaVu Sans, regular and bold, shipped in `backend/fonts/` under
//! its free licence (`fonts/LICENSE-DejaVu.txt`). A document embeds a subset holding just the
//! glyphs it shows, addressed as CIDs with a ToUnicode map, so every name (Ayşe Yılmaz, Łukasz,
//! Jiří, Ольга, Γιώργος) prints, and copies out of the PDF, exactly as registered.

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Finish, Name, Pdf, Rect, Ref, Str};
use std::collections::BTreeMap;
use subsetter::GlyphRemapper;
use ttf_parser::{Face, GlyphId};

/// A font file shipped with the project.
pub struct Typeface {
    name: &'static str,
    data: &'static [u8],
}

pub static SANS: Typeface = Typeface {
    name: "DejaVuSans",
    data: include_bytes!("../fonts/DejaVuSans.ttf"),
};

pub static SANS_BOLD: Typeface = Typeface {
    name: "DejaVuSans-Bold",
    data: include_bytes!("../fonts/DejaVuSans-Bold.ttf"),
};

/// One typeface as one document uses it: text is measured and encoded with it while the pages
/// are laid out, and [`DocumentFont::write`] embeds the glyphs that were used.
pub struct DocumentFont {
    typeface: &'static Typeface,
    face: Face<'static>,
    /// Old glyph id → CID (the glyph's id in the subset), in order of first use.
    glyphs: GlyphRemapper,
    /// The character each CID stands for, for copying text out of the PDF.
    characters: BTreeMap<u16, char>,
}

impl DocumentFont {
    pub fn new(typeface: &'static Typeface) -> Self {
        DocumentFont {
            typeface,
            face: Face::parse(typeface.data, 0).expect("the shipped font parses"),
            glyphs: GlyphRemapper::new(),
            characters: BTreeMap::new(),
        }
    }

    /// The glyph for `c`; `.notdef` (an empty box) for a letter the font lacks.
    fn glyph(&self, c: char) -> u16 {
        self.face.glyph_index(c).map_or(0, |g| g.0)
    }

    fn advance(&self, glyph: u16) -> f32 {
        f32::from(self.face.glyph_hor_advance(GlyphId(glyph)).unwrap_or(0))
    }

    /// Font units to the PDF's 1/1000 em.
    fn per_mille(&self, units: f32) -> f32 {
        units * 1000.0 / f32::from(self.face.units_per_em())
    }

    /// The width of `text` in points at `size`.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let units: f32 = text.chars().map(|c| self.advance(self.glyph(c))).sum();
        self.per_mille(units) * size / 1000.0
    }

    /// Breaks `text` into lines no wider than `max` points at `size`.
    pub fn wrap(&self, text: &str, size: f32, max: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if self.width(&candidate, size) > max && !line.is_empty() {
                lines.push(std::mem::replace(&mut line, word.to_owned()));
            } else {
                line = candidate;
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }

    /// `text` as CIDs for a content stream (two bytes each), noting the glyphs it uses.
    pub fn encode(&mut self, text: &str) -> Vec<u8> {
        let mut encoded = Vec::with_capacity(text.len() * 2);
        for c in text.chars() {
            let cid = self.glyphs.remap(self.glyph(c));
            self.characters.entry(cid).or_insert(c);
            encoded.extend_from_slice(&cid.to_be_bytes());
        }
        encoded
    }

    /// Writes the font as a Type0 font at `id`, with its CID font, descriptor, ToUnicode map
    /// and subset at the refs after `next` (which it advances).
    pub fn write(&self, pdf: &mut Pdf, id: Ref, next: &mut Ref) -> anyhow::Result<()> {
        let (cid_font, descriptor, to_unicode, file) =
            (next.bump(), next.bump(), next.bump(), next.bump());
        let subset = subsetter::subset(self.typeface.data, 0, &self.glyphs)
            .map_err(|e| anyhow::anyhow!("subsetting {}: {e:?}", self.typeface.name))?;
        // PDF names a subset with a tag of six capitals, here derived from the glyphs it holds.
        let tag: String = {
            let mut hash: u32 = 2166136261;
            for glyph in self.glyphs.remapped_gids() {
                hash = (hash ^ u32::from(glyph)).wrapping_mul(16777619);
            }
            (0..6)
                .map(|i| char::from(b'A' + ((hash >> (i * 5)) % 26) as u8))
                .collect()
        };
        let base_name = format!("{tag}+{}", self.typeface.name);
        let system_info = SystemInfo {
            registry: Str(b"Adobe"),
            ordering: Str(b"Identity"),
            supplement: 0,
        };

        pdf.type0_font(id)
            .base_font(Name(base_name.as_bytes()))
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(cid_font)
            .to_unicode(to_unicode);

        let widths: Vec<f32> = self
            .glyphs
            .remapped_gids()
            .map(|glyph| self.per_mille(self.advance(glyph)))
            .collect();
        let mut cid = pdf.cid_font(cid_font);
        cid.subtype(CidFontType::Type2)
            .base_font(Name(base_name.as_bytes()))
            .system_info(system_info)
            .font_descriptor(descriptor)
            .default_width(0.0)
            .cid_to_gid_map_predefined(Name(b"Identity"));
        cid.widths().consecutive(0, widths);
        cid.finish();

        let bbox = self.face.global_bounding_box();
        let ascender = self.per_mille(f32::from(self.face.ascender()));
        pdf.font_descriptor(descriptor)
            .name(Name(base_name.as_bytes()))
            .flags(FontFlags::NON_SYMBOLIC)
            .bbox(Rect::new(
                self.per_mille(f32::from(bbox.x_min)),
                self.per_mille(f32::from(bbox.y_min)),
                self.per_mille(f32::from(bbox.x_max)),
                self.per_mille(f32::from(bbox.y_max)),
            ))
            .italic_angle(0.0)
            .ascent(ascender)
            .descent(self.per_mille(f32::from(self.face.descender())))
            .cap_height(
                self.face
                    .capital_height()
                    .map_or(ascender, |h| self.per_mille(f32::from(h))),
            )
            .stem_v(if self.face.is_bold() { 120.0 } else { 80.0 })
            .font_file2(file);

        let mut cmap = UnicodeCmap::new(Name(b"Mentorat-UTF16"), system_info);
        for (cid, c) in &self.characters {
            cmap.pair(*cid, *c);
        }
        pdf.cmap(to_unicode, &cmap.finish());
        pdf.stream(file, &subset);
        Ok(())
    }
}
