//! OpenAPI schema pieces written by hand where the derive cannot see the wire format.

use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;

/// A string enum of `codes` (code, German label, English label), described by the doc comment
/// followed by every code with its labels, so integrators can show the same words as the app.
pub fn code_enum_schema(doc: &str, codes: &[(&str, &str, &str)]) -> RefOr<Schema> {
    let mut description: String = doc
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if !description.is_empty() {
        description.push_str("\n\n");
    }
    for (code, de, en) in codes {
        description.push_str(&format!("- `{code}`: {de} ({en})\n"));
    }
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(codes.iter().map(|(code, _, _)| *code)))
        .description(Some(description.trim_end()))
        .into()
}
