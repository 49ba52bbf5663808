//! Every API endpoint the web app calls, one function each, grouped by resource: pages say what
//! they want (`services::people::get(id)`), never a path. A read is a [`Read<T>`] for
//! `api::use_get`, a change a [`Change<T>`] for `api::Actions::run`; `T` is the answer's type,
//! so a page cannot read an answer as the wrong type.

pub mod accounts;
pub mod auth;
pub mod courses;
pub mod organisations;
pub mod people;
pub mod public;
pub mod reference;
pub mod registrations;
pub mod reports;
pub mod tandems;

use crate::api::Method;
use serde::Serialize;
use std::marker::PhantomData;

/// Where the API is; every path below is relative to it.
pub const BASE: &str = "/api/v1";

/// A GET of `path` (below `/api/v1`) whose answer is read as `T`.
pub struct Read<T> {
    pub path: String,
    answer: PhantomData<fn() -> T>,
}

impl<T> Read<T> {
    fn new(path: impl Into<String>) -> Self {
        Read {
            path: path.into(),
            answer: PhantomData,
        }
    }
}

impl<T> Read<T> {
    /// The same read, taking only the fields `U` names from the answer (a record's name, say).
    pub fn view<U>(self) -> Read<U> {
        Read::new(self.path)
    }
}

/// The first `limit` records of the list at `base` (a picker's, with its fixed filters) whose
/// names match `q`.
pub fn search<T>(base: &str, q: &str, limit: i64) -> Read<shared::Page<T>> {
    let separator = if base.contains('?') { '&' } else { '?' };
    Read::new(format!("{base}{separator}limit={limit}&q={}", encode(q)))
}

/// What a change sends: JSON, or a file as it is (a logo upload).
pub enum Body {
    Json(String),
    File(web_sys::File),
}

/// A change: method, path, the version it was read at (`If-Match`) and the body.
pub struct Change<T> {
    pub method: Method,
    pub path: String,
    pub if_match: Option<String>,
    pub body: Option<Body>,
    answer: PhantomData<fn() -> T>,
}

impl<T> Change<T> {
    fn new(method: Method, path: impl Into<String>) -> Self {
        Change {
            method,
            path: path.into(),
            if_match: None,
            body: None,
            answer: PhantomData,
        }
    }

    fn body<B: Serialize>(mut self, body: &B) -> Self {
        // The bodies are plain data types with string keys: serialising them cannot fail.
        self.body = Some(Body::Json(
            serde_json::to_string(body).expect("request bodies serialise"),
        ));
        self
    }

    /// Sends `file` as it is, with its own media type.
    fn file(mut self, file: web_sys::File) -> Self {
        self.body = Some(Body::File(file));
        self
    }

    /// Sent only if the record is still at `version`, so no one's change is overwritten.
    fn version(mut self, version: i64) -> Self {
        self.if_match = Some(format!("\"{version}\""));
        self
    }

    /// Like [`Change::version`], with the ETag the record was read with.
    fn etag(mut self, etag: Option<String>) -> Self {
        self.if_match = etag;
        self
    }
}

/// A file the API serves only with the bearer token, and the name to save it under.
pub struct Download {
    pub path: String,
    pub file_name: String,
}

/// `path` with the query `query` (a struct whose empty fields are skipped) appended.
fn with_query<Q: Serialize>(path: &str, query: &Q) -> String {
    // Query structs hold strings and numbers only; encoding them cannot fail.
    let query = serde_urlencoded::to_string(query).unwrap_or_default();
    if query.is_empty() {
        path.to_owned()
    } else if path.contains('?') {
        format!("{path}&{query}")
    } else {
        format!("{path}?{query}")
    }
}

/// Percent-encodes a path segment or query value.
pub fn encode(value: &str) -> String {
    js_sys::encode_uri_component(value).into()
}
