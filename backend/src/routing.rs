//! The API's routes as the OpenAPI document lists them, for what is answered around the
//! handlers: the `Allow` header of a 405, which reads are public (CORS `*`), and the route a
//! request path belongs to (for the audit log, before the request is routed). Built once from
//! the document (see `openapi::routes`) and shared as app data.

use actix_web::dev::ResourceDef;

struct Route {
    pattern: ResourceDef,
    /// The methods for `Allow`, e.g. `GET, HEAD, POST`.
    allow: String,
    /// A GET anyone may make.
    public_read: bool,
}

pub struct Routes(Vec<Route>);

impl Routes {
    /// From (path pattern, methods, whether its GET needs no sign-in).
    pub fn new<'a>(routes: impl IntoIterator<Item = (String, Vec<&'a str>, bool)>) -> Self {
        Self(
            routes
                .into_iter()
                .map(|(path, methods, public_read)| {
                    let mut allow: Vec<&str> = Vec::new();
                    for method in methods {
                        allow.push(method);
                        if method == "GET" {
                            allow.push("HEAD");
                        }
                    }
                    Route {
                        pattern: ResourceDef::new(path),
                        allow: allow.join(", "),
                        public_read,
                    }
                })
                .collect(),
        )
    }

    fn of(&self, path: &str) -> Option<&Route> {
        self.0.iter().find(|r| r.pattern.is_match(path))
    }

    /// The methods a documented route pattern answers.
    pub fn allowed(&self, pattern: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|r| r.pattern.pattern() == Some(pattern))
            .map(|r| r.allow.as_str())
    }

    /// The documented route a concrete path belongs to (`/api/v1/people/17` →
    /// `/api/v1/people/{id}`).
    pub fn pattern_of(&self, path: &str) -> Option<&str> {
        self.of(path).and_then(|r| r.pattern.pattern())
    }

    /// Whether a GET of `path` needs no sign-in.
    pub fn is_public_read(&self, path: &str) -> bool {
        self.of(path).is_some_and(|r| r.public_read)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_answer_for_patterns_and_paths() {
        let routes = Routes::new([
            ("/api/v1/people".into(), vec!["GET", "POST"], false),
            ("/api/v1/people/{id}".into(), vec!["GET", "PUT"], false),
            ("/api/v1/fields".into(), vec!["GET"], true),
        ]);
        assert_eq!(routes.allowed("/api/v1/people"), Some("GET, HEAD, POST"));
        assert_eq!(
            routes.pattern_of("/api/v1/people/17"),
            Some("/api/v1/people/{id}")
        );
        assert_eq!(routes.pattern_of("/api/v1/people/17/x"), None);
        assert!(routes.is_public_read("/api/v1/fields"));
        assert!(!routes.is_public_read("/api/v1/people"));
    }
}
