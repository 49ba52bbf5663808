//! Compressed answers: JSON and CSV for clients that accept gzip or brotli, decoded back to the
//! very bytes an uncompressed request gets; the web app's files from their precompressed copies,
//! marked so that caches keep the variants apart.

use std::io::Read;
use tests::{on_both_databases, Options, StatusCode, TestApp};

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .expect("gzip");
    out
}

fn unbrotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::BrotliDecompress(&mut &bytes[..], &mut out).expect("brotli");
    out
}

async fn fetch(app: &TestApp, path: &str, accept: Option<&str>) -> reqwest::Response {
    let mut request = app.client.get(app.url(path));
    if let Some(accept) = accept {
        request = request.header("accept-encoding", accept);
    }
    request.send().await.unwrap()
}

async fn json_and_csv_are_compressed_for_clients_that_accept_it(app: &TestApp) {
    app.seed_mentors(200).await;
    for path in [
        "/api/v1/public/mentors?limit=100",
        "/api/v1/public/mentors?limit=100&format=csv",
        "/api/v1/public/mentors?format=csv",
        "/api/v1/coverage",
    ] {
        let plain = fetch(app, path, None).await;
        assert_eq!(plain.status(), StatusCode::OK, "{path}");
        assert!(plain.headers().get("content-encoding").is_none(), "{path}");
        let plain_etag = plain.headers().get("etag").cloned();
        let plain = plain.bytes().await.unwrap();
        for (accept, decode) in [("gzip", gunzip as fn(&[u8]) -> Vec<u8>), ("br", unbrotli)] {
            let reply = fetch(app, path, Some(accept)).await;
            assert_eq!(
                reply.headers()["content-encoding"],
                accept,
                "{path} with {accept}"
            );
            let etag = reply.headers().get("etag").cloned();
            let body = reply.bytes().await.unwrap();
            assert!(
                body.len() < plain.len() / 2,
                "{path}: {} of {}",
                body.len(),
                plain.len()
            );
            assert_eq!(decode(&body), plain, "{path} decoded from {accept}");
            // The listing's cached pages: each encoding is its own representation, revalidated
            // as such (the streamed whole list has a weak ETag, which may be shared).
            if let Some(etag) = etag.filter(|_| path.starts_with("/api/v1/public/mentors?limit")) {
                assert_ne!(Some(&etag), plain_etag.as_ref(), "{path} with {accept}");
                let again = app
                    .client
                    .get(app.url(path))
                    .header("accept-encoding", accept)
                    .header("if-none-match", etag)
                    .send()
                    .await
                    .unwrap();
                assert_eq!(
                    again.status(),
                    StatusCode::NOT_MODIFIED,
                    "{path} with {accept}"
                );
            }
        }
    }
}

async fn the_web_app_is_sent_from_its_precompressed_copies(app: &TestApp) {
    let dist = tempfile::tempdir().unwrap();
    let script = "console.log('Mentorat');\n".repeat(200);
    std::fs::write(
        dist.path().join("index.html"),
        "<!doctype html><title>Mentorat</title>",
    )
    .unwrap();
    std::fs::write(dist.path().join("app.js"), &script).unwrap();
    // Marked copies, so the test sees which file was sent.
    std::fs::write(dist.path().join("app.js.br"), b"brotli copy").unwrap();
    std::fs::write(dist.path().join("app.js.gz"), b"gzip copy").unwrap();
    let server = app
        .instance_with(Options {
            static_dir: Some(dist.path().to_owned()),
            ..Options::default()
        })
        .await;
    for (accept, encoding, body) in [
        (Some("gzip, deflate, br"), Some("br"), "brotli copy"),
        (Some("gzip"), Some("gzip"), "gzip copy"),
        (Some("br;q=0, gzip;q=0.5"), Some("gzip"), "gzip copy"),
        (None, None, script.as_str()),
    ] {
        let reply = fetch(&server, "/app.js", accept).await;
        assert_eq!(reply.status(), StatusCode::OK, "{accept:?}");
        let headers = reply.headers().clone();
        assert_eq!(
            headers.get("content-encoding").map(|v| v.to_str().unwrap()),
            encoding,
            "{accept:?}"
        );
        assert_eq!(headers["vary"], "accept-encoding", "{accept:?}");
        assert!(
            headers["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/javascript"),
            "{accept:?}: {:?}",
            headers["content-type"]
        );
        assert!(headers.get("content-disposition").is_none(), "{accept:?}");
        assert_eq!(reply.text().await.unwrap(), body, "{accept:?}");
    }
    server.stop().await;
}

on_both_databases!(
    json_and_csv_are_compressed_for_clients_that_accept_it,
    the_web_app_is_sent_from_its_precompressed_copies,
);
