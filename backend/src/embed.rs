//! Mentorat on municipal web sites (`/einbetten`): a page for web editors with the snippets and
//! a live preview, the frame pages other sites may show in an `<iframe>`
//! (`/einbetten/kurse`, `/einbetten/mentoren`), and the script and styles that render the public
//! API's courses and mentors into a page (files in `backend/embed/`). The frames are the only
//! pages other origins may frame; the script loads from anywhere and reads only public data.

use crate::state::AppState;
use actix_web::http::header;
use actix_web::{web, HttpResponse};

const DOCS: &str = include_str!("../embed/index.html");
const DOCS_STYLES: &str = include_str!("../embed/docs.css");
const FRAME: &str = include_str!("../embed/frame.html");
const SCRIPT: &str = include_str!("../embed/mentorat.js");
const STYLES: &str = include_str!("../embed/mentorat.css");

/// The frame pages: their own script and styles and the public API, inside any site's frame.
const FRAME_CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
     connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors *";
/// The page for web editors, which shows a frame and the script as previews.
const DOCS_CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
     connect-src 'self'; frame-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; \
     frame-ancestors 'none'";

/// The widgets a frame page shows, by the last segment of its path.
const WIDGETS: [&str; 2] = ["kurse", "mentoren"];

/// The content security policy of an embedding path, if `path` is one, and whether other sites
/// may frame it (the security headers middleware applies both).
pub fn security_policy(path: &str) -> Option<(&'static str, bool)> {
    let rest = path.strip_prefix("/einbetten")?;
    match rest.strip_prefix('/') {
        Some(widget) if WIDGETS.contains(&widget) => Some((FRAME_CSP, true)),
        _ if rest.is_empty() || rest.starts_with('/') => Some((DOCS_CSP, false)),
        _ => None,
    }
}

fn text(content_type: &'static str, body: impl Into<String>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        // Other origins' pages load the script and styles; say so for those that require it.
        .insert_header(("cross-origin-resource-policy", "cross-origin"))
        .body(body.into())
}

async fn docs(state: web::Data<AppState>) -> HttpResponse {
    text(
        "text/html; charset=utf-8",
        DOCS.replace("ORIGIN", &state.public_url),
    )
}

async fn frame(widget: web::Path<String>) -> HttpResponse {
    if WIDGETS.contains(&widget.as_str()) {
        text("text/html; charset=utf-8", FRAME)
    } else {
        HttpResponse::NotFound()
            .content_type("text/plain; charset=utf-8")
            .body("Nicht gefunden: /einbetten/kurse oder /einbetten/mentoren")
    }
}

/// Registers the embedding routes (before the web app, whose fallback would answer them).
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/einbetten").get(docs))
        .service(web::redirect("/einbetten/", "/einbetten"))
        .service(
            web::resource("/einbetten/mentorat.js")
                .get(|| async { text("text/javascript; charset=utf-8", SCRIPT) }),
        )
        .service(
            web::resource("/einbetten/mentorat.css")
                .get(|| async { text("text/css; charset=utf-8", STYLES) }),
        )
        .service(
            web::resource("/einbetten/docs.css")
                .get(|| async { text("text/css; charset=utf-8", DOCS_STYLES) }),
        )
        .service(web::resource("/einbetten/{widget}").get(frame));
}
