//! A small typed client for the Mentorat API, and a hook that loads data for a component.

use crate::i18n::{field_error_en, problem_en, Lang};
use crate::services::{Body, Change, Download, Read};
use serde::de::DeserializeOwned;
use shared::{FieldError, Problem};
use std::rc::Rc;
use yew::prelude::*;

/// What went wrong with a request, in terms the UI can show.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiFailure {
    /// HTTP status; 0 when the server could not be reached.
    pub status: u16,
    /// The stable problem code (`Problem::code`); `network` when the server was not reached.
    pub code: String,
    /// The server's German explanation.
    pub detail: String,
    pub errors: Vec<FieldError>,
    /// Possible duplicates, with 409 on creating a person.
    pub duplicates: Vec<shared::people::DuplicateCandidate>,
}

impl ApiFailure {
    /// The transport failed; what exactly (offline, DNS, CORS) the user cannot act on.
    fn network<E>(_: E) -> Self {
        ApiFailure {
            status: 0,
            code: "network".into(),
            detail: "Der Server ist nicht erreichbar. Bitte prüfen Sie die Verbindung und versuchen Sie es erneut.".into(),
            errors: Vec::new(),
            duplicates: Vec::new(),
        }
    }

    /// An error answer: its problem document, or just its status if the body is none.
    fn from_answer(status: u16, text: &str) -> Self {
        match serde_json::from_str::<Problem>(text) {
            Ok(p) => ApiFailure {
                status,
                code: p.code,
                detail: p.detail,
                errors: p.errors,
                duplicates: p.duplicates,
            },
            Err(_) => ApiFailure {
                status,
                code: String::new(),
                detail: format!("Fehler {status}"),
                errors: Vec::new(),
                duplicates: Vec::new(),
            },
        }
    }

    /// A failure found in the browser before anything was sent.
    fn local(errors: shared::values::FieldErrors) -> Self {
        ApiFailure {
            status: 422,
            code: "invalid".into(),
            detail: String::new(),
            errors: errors.0,
            duplicates: Vec::new(),
        }
    }

    /// What to tell the user, in their language: the server's German detail, or the English
    /// text for its code; field errors are shown at their fields, so only a hint here.
    pub fn message(&self, lang: Lang) -> String {
        if !self.errors.is_empty() {
            return crate::i18n::texts(lang).form_has_errors.to_owned();
        }
        match lang {
            Lang::De if !self.detail.is_empty() => self.detail.clone(),
            _ => problem_en(&self.code).to_owned(),
        }
    }

    /// The message for one form field, if the server named it.
    pub fn field(&self, name: &str, lang: Lang) -> Option<String> {
        self.errors
            .iter()
            .find(|e| e.field == name)
            .map(|e| field_message(e, lang))
    }
}

/// One field error in the user's language.
pub fn field_message(error: &FieldError, lang: Lang) -> String {
    match lang {
        Lang::De => error.message.clone(),
        Lang::En => field_error_en(&error.code).to_owned(),
    }
}

#[derive(Clone, Copy)]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

/// A successful answer before it is read into its type: status, body text and ETag.
struct RawAnswer {
    status: u16,
    text: String,
    etag: Option<String>,
}

/// Sends a request with an already serialised JSON body. Not generic, so the browser code for
/// talking to the server exists once, however many answer types the app reads.
async fn send(
    method: Method,
    path: &str,
    token: Option<&str>,
    if_match: Option<&str>,
    body: Option<Body>,
) -> Result<RawAnswer, ApiFailure> {
    use gloo_net::http::RequestBuilder;
    let url = format!("{}{path}", crate::services::BASE);
    let mut builder = RequestBuilder::new(&url).method(match method {
        Method::Get => gloo_net::http::Method::GET,
        Method::Post => gloo_net::http::Method::POST,
        Method::Put => gloo_net::http::Method::PUT,
        Method::Delete => gloo_net::http::Method::DELETE,
    });
    if let Some(token) = token {
        builder = builder.header("Authorization", &format!("Bearer {token}"));
    }
    if let Some(tag) = if_match {
        builder = builder.header("If-Match", tag);
    }
    let request = match body {
        Some(Body::Json(json)) => builder
            .header("Content-Type", "application/json")
            .body(json)
            .map_err(ApiFailure::network)?,
        Some(Body::File(file)) => builder
            .header("Content-Type", &file.type_())
            .body(file)
            .map_err(ApiFailure::network)?,
        None => builder.build().map_err(ApiFailure::network)?,
    };
    let response = request.send().await.map_err(ApiFailure::network)?;
    let status = response.status();
    let etag = response.headers().get("etag");
    let text = response.text().await.map_err(ApiFailure::network)?;
    if (200..300).contains(&status) {
        return Ok(RawAnswer { status, text, etag });
    }
    Err(ApiFailure::from_answer(status, &text))
}

/// Reads an answer's body into `T`; 204 has no body, and "null" lets `()` read it.
fn parse<T: DeserializeOwned>(status: u16, text: &str) -> Result<T, ApiFailure> {
    let text = if text.is_empty() { "null" } else { text };
    serde_json::from_str(text).map_err(|e| ApiFailure {
        status,
        code: "internal".into(),
        detail: format!("Unerwartete Antwort des Servers: {e}"),
        errors: Vec::new(),
        duplicates: Vec::new(),
    })
}

/// Sends a change whose answer no one waits for (signing out: the session ends either way).
pub fn send_and_forget<T>(change: Change<T>, token: Option<String>) {
    wasm_bindgen_futures::spawn_local(async move {
        let _ = send(
            change.method,
            &change.path,
            token.as_deref(),
            change.if_match.as_deref(),
            change.body,
        )
        .await;
    });
}

/// The state of data a component loads.
pub enum Load<T> {
    Loading,
    Ready(Rc<T>, Option<String>),
    Failed(ApiFailure),
}

impl<T> Clone for Load<T> {
    fn clone(&self) -> Self {
        match self {
            Load::Loading => Load::Loading,
            Load::Ready(v, etag) => Load::Ready(v.clone(), etag.clone()),
            Load::Failed(f) => Load::Failed(f.clone()),
        }
    }
}

/// Same data: the same loaded value (not a deep comparison), so props only change on a reload.
impl<T> PartialEq for Load<T> {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Load::Loading, Load::Loading) => true,
            (Load::Ready(a, x), Load::Ready(b, y)) => Rc::ptr_eq(a, b) && x == y,
            (Load::Failed(a), Load::Failed(b)) => a == b,
            _ => false,
        }
    }
}

/// Loads `read` whenever its path changes; the callback loads it again.
#[hook]
pub fn use_get<T>(read: Read<T>) -> (Load<T>, Callback<()>)
where
    T: DeserializeOwned + 'static,
{
    use_maybe_get(Some(read))
}

/// Like [`use_get`]; without a read it loads nothing and stays `Loading`.
#[hook]
pub fn use_maybe_get<T>(read: Option<Read<T>>) -> (Load<T>, Callback<()>)
where
    T: DeserializeOwned + 'static,
{
    let (raw, reload) = use_text(read.map(|r| r.path));
    // Read into `T` once per answer; the same answer gives the same `Rc`.
    let loaded = use_memo(raw, |raw| match raw {
        Load::Loading => Load::Loading,
        Load::Failed(f) => Load::Failed(f.clone()),
        Load::Ready(text, etag) => match parse::<T>(200, text) {
            Ok(value) => Load::Ready(Rc::new(value), etag.clone()),
            Err(f) => Load::Failed(f),
        },
    });
    ((*loaded).clone(), reload)
}

/// Loads `path` as text (the one, non-generic loader behind [`use_maybe_get`]). An answer to
/// an earlier path or reload that arrives after a newer request was sent is dropped, so a slow
/// old answer never overwrites a newer one; a 401 ends the session.
#[hook]
fn use_text(path: Option<String>) -> (Load<String>, Callback<()>) {
    let state = use_state(|| Load::Loading);
    let generation = use_state(|| 0u32);
    let latest = use_mut_ref(|| 0u64);
    let session = use_context::<crate::session::SessionHandle>();
    // Signed in, reads carry the token, so staff-only data loads with the same hook.
    let token = session
        .as_ref()
        .and_then(|s| s.as_ref().map(|s| s.token.clone()));
    {
        let state = state.clone();
        use_effect_with((path, *generation, token), move |(path, _, token)| {
            let Some(path) = path.clone() else { return };
            let token = token.clone();
            let request = {
                let mut latest = latest.borrow_mut();
                *latest += 1;
                *latest
            };
            wasm_bindgen_futures::spawn_local(async move {
                let result = send(Method::Get, &path, token.as_deref(), None, None).await;
                if *latest.borrow() != request {
                    return; // a newer request is under way
                }
                state.set(match result {
                    Ok(answer) => Load::Ready(Rc::new(answer.text), answer.etag),
                    Err(f) => {
                        if f.status == 401 && token.is_some() {
                            if let Some(session) = &session {
                                session.set(None);
                            }
                        }
                        Load::Failed(f)
                    }
                });
            });
        });
    }
    let reload = Callback::from(move |_| generation.set(*generation + 1));
    ((*state).clone(), reload)
}

/// What an action does with a successful answer (status and body): read it into its type and
/// hand it on.
type ReadAnswer = Box<dyn FnOnce(u16, &str) -> Result<(), ApiFailure>>;

/// Runs a component's changes: the failure is kept for display, a 401 ends the session, and a
/// success is announced to screen readers ("Gespeichert.").
#[derive(Clone, PartialEq)]
pub struct Actions {
    session: crate::session::SessionHandle,
    pub busy: UseStateHandle<bool>,
    pub failure: UseStateHandle<Option<ApiFailure>>,
    saved: &'static str,
}

impl Actions {
    /// Shows what the browser found unreadable before sending anything (a date, a number) at
    /// its fields, as the server's refusals are shown.
    pub fn refuse(&self, errors: shared::values::FieldErrors) {
        self.failure.set(Some(ApiFailure::local(errors)));
    }

    /// Sends the change; `done` gets the answer's body when it succeeds.
    pub fn run<T>(&self, change: Change<T>, done: impl FnOnce(T) + 'static)
    where
        T: DeserializeOwned + 'static,
    {
        self.run_text(
            change.method,
            change.path,
            change.if_match,
            change.body,
            Box::new(move |status, text| parse(status, text).map(done)),
        )
    }

    /// The non-generic part of [`Actions::run`].
    fn run_text(
        &self,
        method: Method,
        path: String,
        if_match: Option<String>,
        body: Option<Body>,
        done: ReadAnswer,
    ) {
        let this = self.clone();
        let token = self.session.as_ref().map(|s| s.token.clone());
        self.busy.set(true);
        wasm_bindgen_futures::spawn_local(async move {
            let result = send(method, &path, token.as_deref(), if_match.as_deref(), body).await;
            this.busy.set(false);
            match result.and_then(|answer| done(answer.status, &answer.text)) {
                Ok(()) => {
                    this.failure.set(None);
                    crate::document::announce(this.saved);
                }
                Err(f) => {
                    if f.status == 401 {
                        this.session.set(None);
                    }
                    this.failure.set(Some(f));
                }
            }
        });
    }
}

#[hook]
pub fn use_actions() -> Actions {
    Actions {
        session: crate::session::use_session(),
        busy: use_state(|| false),
        failure: use_state(|| None),
        saved: crate::i18n::use_texts().saved,
    }
}

/// A click handler that saves `file`; a failure lands in the actions' failure, and a 401 ends
/// the session.
pub fn download_on_click(file: Download, actions: &Actions) -> Callback<MouseEvent> {
    let actions = actions.clone();
    let file = Rc::new(file);
    Callback::from(move |_| {
        let (file, actions) = (file.clone(), actions.clone());
        let token = actions.session.as_ref().map(|s| s.token.clone());
        wasm_bindgen_futures::spawn_local(async move {
            if let Err(f) = download(&file.path, token.as_deref(), &file.file_name).await {
                if f.status == 401 {
                    actions.session.set(None);
                }
                actions.failure.set(Some(f));
            }
        });
    })
}

/// Fetches a file the API serves only with the bearer token, as a blob the page can point to.
async fn fetch_blob(path: &str, token: Option<&str>) -> Result<web_sys::Blob, ApiFailure> {
    let mut builder =
        gloo_net::http::RequestBuilder::new(&format!("{}{path}", crate::services::BASE));
    if let Some(token) = token {
        builder = builder.header("Authorization", &format!("Bearer {token}"));
    }
    let response = builder.send().await.map_err(ApiFailure::network)?;
    if !response.ok() {
        let status = response.status();
        let text = response.text().await.unwrap_or_default();
        return Err(ApiFailure::from_answer(status, &text));
    }
    let bytes = response.binary().await.map_err(ApiFailure::network)?;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes.as_slice()));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(&response.headers().get("content-type").unwrap_or_default());
    web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|_| ApiFailure::network("Download"))
}

/// Fetches a file the API serves only with the bearer token and hands it to the browser as a
/// download under `file_name`.
async fn download(path: &str, token: Option<&str>, file_name: &str) -> Result<(), ApiFailure> {
    use wasm_bindgen::JsCast;
    let blob = fetch_blob(path, token).await?;
    let fail = |_| ApiFailure::network("Download");
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| ApiFailure::network("Download"))?;
    let link: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(fail)?.unchecked_into();
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// An image the API serves only with the bearer token (a logo), as an address an `<img>` can
/// show; fetched again when `version` changes, nothing while it is missing or failed.
#[hook]
pub fn use_image(path: String, version: i64) -> Option<String> {
    let session = crate::session::use_session();
    let url = use_state(|| None::<String>);
    {
        let url = url.clone();
        let token = session.as_ref().map(|s| s.token.clone());
        use_effect_with((path, version), move |(path, _)| {
            let path = path.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let shown = match fetch_blob(&path, token.as_deref()).await {
                    Ok(blob) => web_sys::Url::create_object_url_with_blob(&blob).ok(),
                    Err(_) => None,
                };
                url.set(shown);
            });
        });
    }
    (*url).clone()
}
