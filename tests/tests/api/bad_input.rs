//! A corpus of bad input sent to every documented operation, anonymously and as admin, on both
//! databases: each answer is a clean 4xx problem+json (or a success), never a 5xx. Text with a
//! NUL character is refused with 422 naming the field; HEAD answers every GET; 405 names the
//! allowed methods.

use serde_json::{json, Map, Value};
use tests::{on_both_databases, Method, StatusCode, TestApp};

/// Query and path values no client should send.
const BAD_VALUES: &[&str] = &[
    "%00",
    "a%00b",
    "%FF%FE",
    "-1",
    "0",
    "9223372036854775807",
    "99999999999999999999999",
    "1e400",
    "%20",
    "%27%3B--",
    "..%2F..%2Fetc",
];

fn overlong(chars: usize) -> String {
    "ä".repeat(chars)
}

/// The committed document: the operations to try.
fn operations() -> Vec<(Method, String, Value)> {
    let document: Value = serde_json::from_str(
        &std::fs::read_to_string(tests::tools::workspace().join("openapi/openapi.json")).unwrap(),
    )
    .unwrap();
    let mut operations = Vec::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            operations.push((method, path.clone(), operation.clone()));
        }
    }
    operations
}

fn parameters<'a>(operation: &'a Value, place: &str) -> Vec<&'a str> {
    operation["parameters"]
        .as_array()
        .map(|ps| {
            ps.iter()
                .filter(|p| p["in"] == place)
                .filter_map(|p| p["name"].as_str())
                .collect()
        })
        .unwrap_or_default()
}

fn with_path(path: &str, value: &str) -> String {
    let mut out = String::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        let end = rest[start..].find('}').unwrap() + start;
        out.push_str(&rest[..start]);
        out.push_str(value);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// Bodies that break every rule a body can break, for an operation that takes one.
fn bad_bodies(properties: &[String]) -> Vec<Value> {
    let mut bodies = vec![
        json!(null),
        json!([]),
        json!("text"),
        json!(12),
        json!({}),
        json!([null, null]),
    ];
    for value in [
        json!("\u{0}"),
        json!(overlong(70_000)),
        json!(-9_223_372_036_854_775_808_i64),
        json!(1.0e308),
        json!({ "nested": "\u{0}" }),
        json!(["\u{0}"]),
        json!(true),
    ] {
        let body: Map<String, Value> = properties
            .iter()
            .map(|p| (p.clone(), value.clone()))
            .collect();
        bodies.push(Value::Object(body));
    }
    bodies
}

/// The top-level properties of the operation's JSON body, from the document.
fn body_properties(document: &Value, operation: &Value) -> Option<Vec<String>> {
    let schema = &operation["requestBody"]["content"]["application/json"]["schema"];
    if schema.is_null() {
        return None;
    }
    let schema = match schema["$ref"].as_str() {
        Some(reference) => &document["components"]["schemas"][reference.rsplit('/').next()?],
        None => schema,
    };
    Some(
        schema["properties"]
            .as_object()
            .map(|p| p.keys().cloned().collect())
            .unwrap_or_default(),
    )
}

/// Asserts the answer is clean: no 5xx, and errors are problem+json.
fn clean(reply: &tests::Reply, what: &str) {
    let what: String = what.chars().take(200).collect();
    let text: String = reply.text.chars().take(300).collect();
    assert!(
        !reply.status.is_server_error(),
        "{what}: {} {text}",
        reply.status
    );
    if reply.status.is_client_error() && !reply.text.is_empty() {
        assert_eq!(
            reply.header("content-type"),
            Some("application/problem+json"),
            "{what}: {text}"
        );
    }
}

async fn every_operation_refuses_bad_input_cleanly(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let admin = app.admin_token().await;
    let document: Value = serde_json::from_str(
        &std::fs::read_to_string(tests::tools::workspace().join("openapi/openapi.json")).unwrap(),
    )
    .unwrap();
    let mut requests: Vec<(String, reqwest::RequestBuilder)> = Vec::new();
    for (method, path, operation) in operations() {
        if operation["operationId"] == "logout" {
            continue; // would end the admin's session for the requests after it
        }
        for token in [None, Some(admin.as_str())] {
            let authorise = |r: reqwest::RequestBuilder| match token {
                Some(t) => r.bearer_auth(t),
                None => r,
            };
            let plain = with_path(&path, "1");
            for value in BAD_VALUES {
                let url = app.url(&with_path(&path, value));
                requests.push((
                    format!("{method} {path} with {value} in the path"),
                    authorise(app.client.request(method.clone(), url)),
                ));
                for name in parameters(&operation, "query") {
                    let url = app.url(&format!("{plain}?{name}={value}"));
                    requests.push((
                        format!("{method} {path}?{name}={value}"),
                        authorise(app.client.request(method.clone(), url)),
                    ));
                }
            }
            for name in parameters(&operation, "query") {
                let url = app.url(&format!("{plain}?{name}={}", overlong(5_000)));
                requests.push((
                    format!("{method} {path} with a long {name}"),
                    authorise(app.client.request(method.clone(), url)),
                ));
            }
            if let Some(properties) = body_properties(&document, &operation) {
                for body in bad_bodies(&properties) {
                    requests.push((
                        format!(
                            "{method} {path} with {}",
                            body.to_string().chars().take(80).collect::<String>()
                        ),
                        authorise(
                            app.client
                                .request(method.clone(), app.url(&plain))
                                .json(&body),
                        ),
                    ));
                }
                for (content_type, raw) in [
                    ("application/json", "{\"name\": "),
                    ("application/json", "\u{feff}{}"),
                    ("text/plain", "hallo"),
                    ("application/json", "{\"a\": \"\\ud800\"}"),
                ] {
                    requests.push((
                        format!("{method} {path} with {content_type} {raw:?}"),
                        authorise(
                            app.client
                                .request(method.clone(), app.url(&plain))
                                .header("content-type", content_type)
                                .body(raw),
                        ),
                    ));
                }
            }
        }
    }
    assert!(requests.len() > 1_000, "{} requests", requests.len());
    for chunk in requests.chunks(16) {
        let replies = futures::future::join_all(chunk.iter().map(|(what, request)| async move {
            (what, app.send(request.try_clone().unwrap()).await)
        }))
        .await;
        for (what, reply) in replies {
            clean(&reply, what);
        }
    }
}

async fn nul_characters_are_refused_naming_the_field(app: &TestApp) {
    let admin = app.admin_token().await;
    let problem = app
        .get("/api/v1/organisations?q=Verein%00")
        .await
        .problem(422);
    assert_eq!(problem["errors"][0]["field"], "q");
    assert_eq!(problem["errors"][0]["code"], "nul");
    let problem = app
        .login("admin\u{0}@mentorat.example", "egal-welches")
        .await
        .problem(422);
    assert_eq!(problem["errors"][0]["field"], "email");
    let problem = app
        .call(
            Method::POST,
            "/api/v1/organisations",
            &admin,
            Some(json!({ "kind": "association", "name": "Verein", "address": { "city": "Ulm\u{0}" } })),
        )
        .await
        .problem(422);
    assert_eq!(problem["errors"][0]["field"], "address.city");
    let long = app
        .get(&format!("/api/v1/organisations?q={}", overlong(201)))
        .await
        .problem(422);
    assert_eq!(long["errors"][0]["code"], "too_long");
    let far = app
        .get("/api/v1/organisations?offset=9223372036854775807")
        .await
        .problem(422);
    assert_eq!(far["errors"][0]["field"], "offset");
}

async fn head_answers_every_read_and_405_names_the_allowed_methods(app: &TestApp) {
    for (method, path, _) in operations() {
        let url = app.url(&with_path(&path, "1"));
        if method == Method::GET {
            let head = app.send(app.client.head(url.clone())).await;
            assert_ne!(head.status, StatusCode::METHOD_NOT_ALLOWED, "HEAD {path}");
            assert!(head.bytes.is_empty(), "HEAD {path} has no body");
        }
        let wrong = app.send(app.client.request(Method::PATCH, url)).await;
        if wrong.status == StatusCode::METHOD_NOT_ALLOWED {
            wrong.problem(405);
            let allow = wrong
                .header("allow")
                .unwrap_or_else(|| panic!("Allow on {path}"));
            assert!(allow.contains(method.as_str()), "{path}: {allow}");
        } else {
            wrong.problem(404); // a path value the route does not take
        }
    }
    let fields = app.send(app.client.head(app.url("/api/v1/fields"))).await;
    assert_eq!(fields.status, StatusCode::OK);
    assert!(fields.header("etag").is_some());
}

/// A body sent in chunks, larger than the server takes, is refused as too large (413), like a
/// body whose size was announced.
async fn an_oversized_chunked_body_answers_413(app: &TestApp) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let address = app.address.trim_start_matches("http://").to_owned();
    let mut stream = tokio::net::TcpStream::connect(&address).await.unwrap();
    let mut request = "POST /api/v1/auth/login HTTP/1.1\r\nHost: test\r\n\
                       Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\
                       Connection: close\r\n\r\n"
        .to_owned()
        .into_bytes();
    let chunk = "a".repeat(8192);
    for _ in 0..40 {
        request.extend_from_slice(format!("{:x}\r\n{chunk}\r\n", chunk.len()).as_bytes());
    }
    request.extend_from_slice(b"0\r\n\r\n");
    // The server may answer and close before the whole body is sent.
    let _ = stream.write_all(&request).await;
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer).await;
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains("application/problem+json"), "{answer}");
}

/// Every read that answers with an ETag answers 304 to it, and documents that it does.
async fn every_read_with_an_etag_documents_304(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let admin = app.admin_token().await;
    let mut checked = 0;
    for (method, path, operation) in operations() {
        if method != Method::GET {
            continue;
        }
        let concrete = path.replace("{key}", "08111").replace("{ags}", "08111000");
        let url = app.url(&with_path(&concrete, "1"));
        let first = app.send(app.client.get(&url).bearer_auth(&admin)).await;
        let Some(etag) = first.header("etag").map(str::to_owned) else {
            continue;
        };
        let again = app
            .send(
                app.client
                    .get(&url)
                    .bearer_auth(&admin)
                    .header("if-none-match", etag),
            )
            .await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED, "{path}");
        assert!(
            operation["responses"]["304"].is_object(),
            "{path} answers 304 but does not document it"
        );
        checked += 1;
    }
    assert!(checked >= 10, "{checked} reads with an ETag");
}

on_both_databases!(
    every_read_with_an_etag_documents_304,
    an_oversized_chunked_body_answers_413,
    every_operation_refuses_bad_input_cleanly,
    nul_characters_are_refused_naming_the_field,
    head_answers_every_read_and_405_names_the_allowed_methods
);
