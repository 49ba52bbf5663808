//! The committed OpenAPI document must match what the code generates.

#[test]
fn committed_openapi_matches_the_code() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../openapi/openapi.json");
    let committed = std::fs::read_to_string(path).expect("openapi/openapi.json exists");
    let generated = backend::openapi::document_json();
    assert!(
        committed == generated,
        "openapi/openapi.json is out of date; refresh it with `cargo xtask openapi` and commit it"
    );
}

#[test]
fn every_operation_documents_its_answers() {
    let doc: serde_json::Value = serde_json::from_str(&backend::openapi::document_json()).unwrap();
    let paths = doc["paths"].as_object().unwrap();
    assert!(paths.len() >= 12, "{:?}", paths.keys());
    for (path, item) in paths {
        for (method, op) in item.as_object().unwrap() {
            let responses = op["responses"]
                .as_object()
                .unwrap_or_else(|| panic!("{method} {path} has no responses"));
            assert!(!responses.is_empty(), "{method} {path}");
            // Writes need a token, but for signing in, password resets, accepting an invitation (the link is the key),
            // the clients' token exchange, and citizens registering for a course (confirmation and personal link are
            // the keys).
            let anonymous_writes = [
                "/api/v1/auth/login",
                "/api/v1/auth/password-reset",
                "/api/v1/auth/password-reset/{token}",
                "/api/v1/invitations/{token}/accept",
                "/api/v1/oauth/token",
                "/api/v1/courses/{id}/registrations",
                "/api/v1/registrations/confirm/{token}",
                "/api/v1/registrations/by-token/{token}",
                "/api/v1/courses/{id}/tandem-applications",
                "/api/v1/tandem-applications/confirm/{token}",
            ];
            if ["post", "put", "delete"].contains(&method.as_str())
                && !anonymous_writes.contains(&path.as_str())
            {
                assert!(
                    op["security"].is_array(),
                    "{method} {path} must declare bearer security"
                );
            }
        }
    }
}
