//! How an education provider signs: signatory and logo, checked on upload and seen on the
//! certificate in German and English, as Poppler shows it to a reader.

use serde_json::{json, Value};
use tests::fixtures::{plan_course, set_status};
use tests::tools::{poppler, poppler_bytes};
use tests::{on_both_databases, Method, StatusCode, TestApp};

const LOGO_SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">
  <rect width="200" height="100" fill="#ffcc00"/></svg>"##;

/// A certified participant of a completed Mentorenkurs: the course and the certificate.
async fn certified(app: &TestApp, token: &str) -> (Value, Value) {
    let planned = plan_course(app, token, "mentor_course", 7.0).await;
    let id = &planned.id;
    let person = app
        .call(
            Method::POST,
            "/api/v1/people",
            token,
            Some(json!({ "given_name": "Ayşe", "family_name": "Yılmaz" })),
        )
        .await
        .json();
    let enrolment = app
        .call(
            Method::POST,
            &format!("/api/v1/courses/{id}/enrolments"),
            token,
            Some(json!({ "person_id": person["id"] })),
        )
        .await
        .json()[0]["id"]
        .clone();
    for session in &planned.sessions {
        app.call(
            Method::PUT,
            &format!("/api/v1/courses/{id}/sessions/{session}/attendance"),
            token,
            Some(json!([{ "enrolment_id": enrolment, "status": "present" }])),
        )
        .await;
    }
    set_status(
        app,
        token,
        id,
        &["registration_open", "running", "completed"],
    )
    .await;
    let certificate = app
        .call(
            Method::POST,
            &format!("/api/v1/courses/{id}/certificates"),
            token,
            Some(json!({ "enrolment_id": enrolment })),
        )
        .await
        .json();
    let course = app
        .call(Method::GET, &format!("/api/v1/courses/{id}"), token, None)
        .await
        .json();
    (course, certificate)
}

async fn upload(
    app: &TestApp,
    token: &str,
    path: &str,
    media_type: &str,
    body: Vec<u8>,
) -> tests::Reply {
    app.send(
        app.client
            .put(app.url(path))
            .bearer_auth(token)
            .header("content-type", media_type)
            .body(body),
    )
    .await
}

/// The colour of one pixel of a PPM page as `pdftoppm` renders it.
fn pixel(ppm: &[u8], x: usize, y: usize) -> [u8; 3] {
    // "P6\n<width> <height>\n255\n" then three bytes per pixel.
    let text = String::from_utf8_lossy(&ppm[..32]).into_owned();
    let mut fields = text.split_ascii_whitespace();
    assert_eq!(fields.next(), Some("P6"));
    let width: usize = fields.next().unwrap().parse().unwrap();
    let header = ppm
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .nth(2)
        .unwrap()
        .0
        + 1;
    let at = header + 3 * (y * width + x);
    [ppm[at], ppm[at + 1], ppm[at + 2]]
}

async fn the_provider_signs_with_its_signatory_and_logo(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let token = app.staff_token().await;
    let (course, certificate) = certified(app, &token).await;
    let organisation = &course["provider"];
    let profile_path = format!("/api/v1/organisations/{organisation}/certificate-profile");
    let logo_path = format!("/api/v1/organisations/{organisation}/logo");

    app.get(&profile_path).await.problem(401);
    let empty = app
        .call(Method::GET, &profile_path, &token, None)
        .await
        .json();
    assert_eq!(empty["version"], 0);
    assert_eq!(empty["signatory_name"], Value::Null);
    app.call(Method::GET, &logo_path, &token, None)
        .await
        .problem(404);
    app.call(
        Method::GET,
        "/api/v1/organisations/999999/certificate-profile",
        &token,
        None,
    )
    .await
    .problem(404);

    // A role without a name leaves a line nobody signs.
    let refused = app
        .call(
            Method::PUT,
            &profile_path,
            &token,
            Some(json!({ "signatory_role": "Geschäftsführerin" })),
        )
        .await
        .problem(422);
    assert_eq!(refused["errors"][0]["field"], "signatory_name");
    let saved = app
        .call(
            Method::PUT,
            &profile_path,
            &token,
            Some(json!({ "signatory_name": " Dr. Małgorzata Keller ", "signatory_role": "Geschäftsführerin" })),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK);
    assert_eq!(saved.header("etag"), Some("\"1\""));
    assert_eq!(saved.json()["signatory_name"], "Dr. Małgorzata Keller");

    // Uploads: only PNG or SVG, at most 512 KB, readable, of a printable size.
    let wrong_type = upload(app, &token, &logo_path, "image/gif", b"GIF89a".to_vec())
        .await
        .problem(415);
    assert_eq!(wrong_type["code"], "unsupported_media_type");
    let too_large = upload(app, &token, &logo_path, "image/png", vec![0; 600 * 1024])
        .await
        .problem(413);
    assert_eq!(too_large["code"], "payload_too_large");
    let unreadable = upload(app, &token, &logo_path, "image/svg+xml", b"<html>".to_vec())
        .await
        .problem(422);
    assert_eq!(unreadable["errors"][0]["code"], "unreadable");
    let mut bomb = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    bomb.extend(100_000u32.to_be_bytes());
    bomb.extend(100_000u32.to_be_bytes());
    bomb.extend([8, 6, 0, 0, 0]);
    let bomb = upload(app, &token, &logo_path, "image/png", bomb)
        .await
        .problem(422);
    assert_eq!(bomb["errors"][0]["code"], "dimensions");
    // Somebody else's change in between is not overwritten.
    let stale = app.send(
        app.client
            .put(app.url(&logo_path))
            .bearer_auth(&token)
            .header("content-type", "image/svg+xml")
            .header("if-match", "\"0\"")
            .body(LOGO_SVG),
    );
    assert_eq!(stale.await.status, StatusCode::PRECONDITION_FAILED);
    let uploaded = upload(
        app,
        &token,
        &logo_path,
        "image/svg+xml; charset=utf-8",
        LOGO_SVG.into(),
    )
    .await;
    assert_eq!(uploaded.status, StatusCode::OK, "{}", uploaded.text);
    let uploaded = uploaded.json();
    assert_eq!(uploaded["logo_media_type"], "image/svg+xml");
    assert_eq!(
        uploaded["signatory_name"], "Dr. Małgorzata Keller",
        "the signatory stays"
    );
    // The preview is always a PNG: an SVG is never served back as markup.
    let preview = app.call(Method::GET, &logo_path, &token, None).await;
    assert_eq!(preview.header("content-type"), Some("image/png"));
    assert!(preview.bytes.starts_with(b"\x89PNG"));
    // A PNG is taken as well (the preview itself, here).
    let png = upload(app, &token, &logo_path, "image/png", preview.bytes.clone()).await;
    assert_eq!(png.json()["logo_media_type"], "image/png");

    let pdf_path = format!("/api/v1/certificates/{}/pdf", certificate["id"]);
    let german = app.call(Method::GET, &pdf_path, &token, None).await;
    assert_eq!(german.status, StatusCode::OK);
    let text = poppler("pdftotext", &german.bytes, &["-enc", "UTF-8"]);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "ZERTIFIKAT",
        "Ayşe Yılmaz",
        "Dr. Małgorzata Keller",
        "Geschäftsführerin",
        "Hanna Tandem",
        "Bruno Tandem",
        "Paritätisches Bildungswerk · Hauptstraße 1, 70173 Stuttgart",
    ] {
        assert!(text.contains(expected), "{expected:?} missing in: {text}");
    }
    // The logo is in the file as an image with its transparency as a soft mask …
    let images = poppler("pdfimages", &german.bytes, &["-list"]);
    let kinds: Vec<&str> = images
        .lines()
        .skip(2)
        .map(|l| l.split_whitespace().nth(2).unwrap())
        .collect();
    assert_eq!(kinds, ["image", "smask"], "{images}");
    // A logo with transparency keeps the file PDF/A-2b (which, unlike PDF/A-1, allows it).
    tests::tools::assert_pdf_a_2b(&german.bytes);
    // … and on the page: the top centre, where the logo sits, is its gold.
    let page = poppler_bytes(
        "pdftoppm",
        &german.bytes,
        &["-r", "72", "-f", "1", "-l", "1"],
    );
    let [r, g, b] = pixel(&page, 297, 72);
    assert!(
        r > 240 && (190..220).contains(&g) && b < 30,
        "logo pixel is {r},{g},{b}"
    );

    // The English variant says the same in English; the name stays exactly as registered.
    let english = app
        .call(Method::GET, &format!("{pdf_path}?lang=en"), &token, None)
        .await;
    assert!(english
        .header("content-disposition")
        .unwrap()
        .contains("Certificate-"));
    let text = poppler("pdftotext", &english.bytes, &["-enc", "UTF-8"]);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "CERTIFICATE",
        "Ayşe Yılmaz",
        "successfully completed the civic mentor course “Bürgermentoren Esslingen” in Esslingen am Neckar from 10 January 2026 to 21 March 2026, attending 7 hours.",
        "Commissioned by Sozialministerium Baden-Württemberg, funded by Baden-Württemberg Stiftung",
        "Dr. Małgorzata Keller",
        "Trainer",
    ] {
        assert!(text.contains(expected), "{expected:?} missing in: {text}");
    }
    app.call(Method::GET, &format!("{pdf_path}?lang=fr"), &token, None)
        .await
        .problem(422);

    // Without a logo the certificate prints without an image.
    let removed = app
        .call(Method::DELETE, &logo_path, &token, None)
        .await
        .json();
    assert_eq!(removed["logo_media_type"], Value::Null);
    let plain = app.call(Method::GET, &pdf_path, &token, None).await;
    let images = poppler("pdfimages", &plain.bytes, &["-list"]);
    assert_eq!(images.lines().count(), 2, "{images}");
}

on_both_databases!(the_provider_signs_with_its_signatory_and_logo);
