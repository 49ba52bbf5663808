//! The OpenAPI document, generated from the handlers and the shared types.

use utoipa::openapi::security::{
    ClientCredentials, Flow, HttpAuthScheme, HttpBuilder, OAuth2, Scopes, SecurityScheme,
};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Mentorat API",
        description = "REST API of Mentorat, the platform of the Baden-Württemberg programme *Mentorat für Bürgerengagement*. \
                       Errors are `application/problem+json` (RFC 9457). Lists are paged with `limit`/`offset` and carry a total. \
                       Reads answer an `ETag`; send it as `If-None-Match` for 304, and as `If-Match` when changing a record.",
        license(name = "EUPL-1.2"),
    ),
    paths(crate::health::healthz, crate::health::readyz),
    tags(
        (name = "auth", description = "Sign-in, sign-out and passwords"),
        (name = "accounts", description = "Accounts, roles and invitations (administration)"),
        (name = "clients", description = "API clients of integrations and their tokens (OAuth2 client credentials)"),
        (name = "audit", description = "Audit log: who did what, when, to which record (administration only)"),
        (name = "fields", description = "Fields of activity (Einsatzfelder)"),
        (name = "reference data", description = "Districts and municipalities of Baden-Württemberg"),
        (name = "organisations", description = "Partner organisations"),
        (name = "people", description = "Mentors and trainers (staff only)"),
        (name = "courses", description = "Mentor courses and trainer courses with their sessions"),
        (name = "registrations", description = "Citizens registering themselves for a Mentorenkurs and tandems applying for a Mentorentrainerkurs (double opt-in), personal links, staff review and decisions"),
        (name = "certificates", description = "Course certificates (Abschlusszertifikate): issuing, PDF, public verification"),
        (name = "reports", description = "Reports for the ministry and the funder (staff only)"),
        (name = "public", description = "Public listing for municipalities and integrators, coverage"),
        (name = "operations", description = "Health and readiness"))
)]
struct ApiDoc;

/// The whole document: the frame above, every resource's operations (registered beside their
/// routes, see `api::routes!`), and the shared conventions.
pub fn document() -> utoipa::openapi::OpenApi {
    let mut document = ApiDoc::openapi();
    for resource in crate::api::doc() {
        document.merge(resource);
    }
    Conventions.modify(&mut document);
    document
}

/// The conventions every operation shares, added to the document in one place: the security
/// schemes, the problem answers as reusable components, and the problem answers each operation
/// can give by its shape (path, query, body, guard), so no handler has to list them.
struct Conventions;

/// Reusable problem answers: (status, component name, description, `Retry-After` sent).
const PROBLEMS: &[(&str, &str, &str, bool)] = &[
    ("400", "BadRequest", "The request is malformed: a query or body value of the wrong type, or JSON that does not parse.", false),
    ("401", "Unauthenticated", "Sign-in required: no bearer token, or one that is expired, revoked or not ours.", false),
    ("403", "Forbidden", "Signed in, but the role or the client's scopes do not allow this.", false),
    ("404", "NotFound", "No such record (or none the caller may see), or a path value of the wrong form.", false),
    ("413", "PayloadTooLarge", "The body is larger than the server accepts.", false),
    ("415", "UnsupportedMediaType", "The body is not sent as the documented media type.", false),
    ("422", "Unprocessable", "Values break a rule; `errors` names each failing field with a stable `code`.", false),
    ("429", "TooManyRequests", "Too many requests; `Retry-After` says how many seconds to wait.", true),
    ("503", "Unavailable", "The database cannot be reached; `Retry-After` says when to try again.", true),
];

impl Modify for Conventions {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::path::ParameterIn;
        use utoipa::openapi::{ContentBuilder, HeaderBuilder, Ref, ResponseBuilder};

        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some(
                        "A sign-in token from `POST /api/v1/auth/login`, or a client token from \
                         `POST /api/v1/oauth/token`. Where an operation names roles, only \
                         accounts of those roles may call it (admins may everything staff may).",
                    ))
                    .build(),
            ),
        );
        let scopes = Scopes::from_iter(
            shared::clients::ClientScope::ALL
                .iter()
                .map(|s| (s.code(), s.label_en())),
        );
        components.add_security_scheme(
            "oauth2",
            SecurityScheme::OAuth2(OAuth2::with_description(
                [Flow::ClientCredentials(ClientCredentials::new(
                    "/api/v1/oauth/token",
                    scopes,
                ))],
                "API clients of integrations (created by admins) exchange their credentials for \
                 a token; send it as `Authorization: Bearer …`.",
            )),
        );
        for (_, name, description, retry_after) in PROBLEMS {
            let mut response = ResponseBuilder::new().description(*description).content(
                crate::error::PROBLEM_JSON,
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name("Problem")))
                    .build(),
            );
            if *retry_after {
                response = response.header(
                    "Retry-After",
                    HeaderBuilder::new()
                        .schema(utoipa::openapi::schema::Object::with_type(
                            utoipa::openapi::schema::Type::Integer,
                        ))
                        .description(Some("Seconds to wait before trying again."))
                        .build(),
                );
            }
            components
                .responses
                .insert((*name).to_owned(), response.build().into());
        }

        link_page_items(components);

        for item in openapi.paths.paths.values_mut() {
            for operation in [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ]
            .into_iter()
            .flatten()
            {
                let parameters = operation.parameters.as_deref().unwrap_or_default();
                let has = |place: ParameterIn| {
                    parameters.iter().any(|p| {
                        std::mem::discriminant(&p.parameter_in) == std::mem::discriminant(&place)
                    })
                };
                let (path, query) = (has(ParameterIn::Path), has(ParameterIn::Query));
                let body = operation.request_body.is_some();
                let security = security_of(operation);
                let mut statuses = Vec::new();
                if query || body {
                    statuses.extend(["400", "422"]);
                }
                if body {
                    statuses.extend(["413", "415"]);
                }
                if path {
                    statuses.push("404");
                }
                if security.signed_in {
                    statuses.push("401");
                }
                if security.restricted {
                    statuses.push("403");
                }
                if security.clients {
                    statuses.push("429");
                }
                if operation.operation_id.as_deref() != Some("get_health") {
                    statuses.push("503");
                }
                for status in statuses {
                    let name = PROBLEMS
                        .iter()
                        .find(|p| p.0 == status)
                        .map(|p| p.1)
                        .expect("every status used has a component");
                    operation
                        .responses
                        .responses
                        .entry(status.to_owned())
                        .or_insert_with(|| Ref::from_response_name(name).into());
                }
            }
        }
    }
}

/// `Page<T>` is generic, and utoipa writes `T` into each page schema in full; pages name their
/// item schema instead, so generated clients have one `Organisation`, not a copy per page.
fn link_page_items(components: &mut utoipa::openapi::Components) {
    use utoipa::openapi::schema::{ArrayItems, Schema};
    use utoipa::openapi::{Ref, RefOr};
    let names: Vec<String> = components.schemas.keys().cloned().collect();
    for name in names {
        let Some(item) = name.strip_prefix("Page_") else {
            continue;
        };
        if !components.schemas.contains_key(item) {
            continue;
        }
        let Some(RefOr::T(Schema::Object(page))) = components.schemas.get_mut(&name) else {
            continue;
        };
        if let Some(RefOr::T(Schema::Array(items))) = page.properties.get_mut("items") {
            items.items = ArrayItems::RefOrSchema(Box::new(Ref::from_schema_name(item).into()));
        }
    }
}

/// What an operation's security requirements imply for its answers.
struct SecurityShape {
    /// It needs a token at all.
    signed_in: bool,
    /// Some callers with a valid token are refused (roles or scopes named).
    restricted: bool,
    /// API clients may call it, within their rate limit.
    clients: bool,
}

fn security_of(operation: &utoipa::openapi::path::Operation) -> SecurityShape {
    // The requirement's map is private in utoipa; its serialised form is the OpenAPI one.
    let requirements: Vec<std::collections::BTreeMap<String, Vec<String>>> = operation
        .security
        .as_ref()
        .map(|s| {
            serde_json::from_value(serde_json::to_value(s).unwrap_or_default()).unwrap_or_default()
        })
        .unwrap_or_default();
    SecurityShape {
        signed_in: requirements.iter().any(|r| !r.is_empty()),
        restricted: requirements
            .iter()
            .flat_map(|r| r.values())
            .any(|v| !v.is_empty()),
        clients: requirements.iter().any(|r| r.contains_key("oauth2")),
    }
}

/// The committed document, which `backend/tests/openapi.rs` keeps equal to the one the code
/// generates. The server serves it and reads its route table from it, so it never builds the
/// document itself: that touched every schema's code and kept megabytes of idle memory.
pub const COMMITTED: &str = include_str!("../../openapi/openapi.json");

/// The routes of the document, for what is answered around the handlers.
pub fn routes() -> crate::routing::Routes {
    crate::routing::Routes::new(
        operations_of(COMMITTED).expect("the committed OpenAPI document lists its paths"),
    )
}

/// A documented path: its pattern, its methods, and whether its GET needs no sign-in.
pub type PathOperations = (String, Vec<&'static str>, bool);

/// The paths of a document (JSON), reading no more of it than methods and security.
pub fn operations_of(document: &str) -> serde_json::Result<Vec<PathOperations>> {
    use serde::de::IgnoredAny;
    #[derive(serde::Deserialize)]
    struct Document {
        paths: std::collections::BTreeMap<String, PathItem>,
    }
    #[derive(serde::Deserialize)]
    struct PathItem {
        get: Option<Operation>,
        post: Option<Operation>,
        put: Option<Operation>,
        delete: Option<Operation>,
    }
    #[derive(serde::Deserialize)]
    struct Operation {
        security: Option<Vec<IgnoredAny>>,
    }
    let document: Document = serde_json::from_str(document)?;
    Ok(document
        .paths
        .into_iter()
        .map(|(path, item)| {
            let methods = [
                ("GET", item.get.is_some()),
                ("POST", item.post.is_some()),
                ("PUT", item.put.is_some()),
                ("DELETE", item.delete.is_some()),
            ]
            .into_iter()
            .filter_map(|(method, present)| present.then_some(method))
            .collect();
            let public_read = item
                .get
                .is_some_and(|get| get.security.as_ref().is_none_or(Vec::is_empty));
            (path, methods, public_read)
        })
        .collect())
}

/// The document as committed in `openapi/openapi.json` (pretty-printed, trailing newline).
pub fn document_json() -> String {
    let mut json = document()
        .to_pretty_json()
        .expect("the OpenAPI document serialises");
    json.push('\n');
    json
}

#[cfg(test)]
mod tests {
    /// The route table read from the committed document knows methods and who may read.
    #[test]
    fn routes_come_from_the_committed_document() {
        let routes = super::routes();
        assert_eq!(routes.allowed("/api/v1/people"), Some("GET, HEAD, POST"));
        assert_eq!(
            routes.pattern_of("/api/v1/people/17"),
            Some("/api/v1/people/{id}")
        );
        assert!(routes.is_public_read("/api/v1/public/mentors"));
        assert!(!routes.is_public_read("/api/v1/people"));
    }
}
