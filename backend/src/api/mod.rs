//! The API's resources under `/api/v1`, one directory each: `mod.rs` with the routes and thin
//! handlers, `store.rs` with the queries and the rules (see the README's "adding a resource").

pub mod accounts;
pub mod attendance;
pub mod audit;
pub mod calendar;
pub mod certificates;
pub mod clients;
pub mod courses;
pub mod coverage;
pub mod districts;
pub mod enrolments;
pub mod fields;
pub mod listing;
pub mod municipalities;
pub mod organisations;
pub mod outbox;
pub mod people;
pub mod privacy;
pub mod sign_in;

use actix_web::web;

/// Every resource under `/api/v1` (besides `/api/v1/public`).
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.configure(sign_in::routes)
        .configure(fields::routes)
        .configure(districts::routes)
        .configure(municipalities::routes)
        .configure(organisations::routes)
        .configure(people::routes)
        .configure(privacy::routes)
        .configure(courses::routes)
        .configure(calendar::routes)
        .configure(enrolments::routes)
        .configure(attendance::routes)
        .configure(certificates::routes)
        .configure(audit::routes)
        .configure(accounts::routes)
        .configure(outbox::routes)
        .configure(clients::routes)
        .service(web::resource("/coverage").get(coverage::get));
}

/// The reads under `/api/v1/public`, for municipal web sites and integrators.
pub fn public_routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/mentors").get(listing::list))
        .service(web::resource("/courses").get(courses::public_list))
        .service(web::resource("/courses.ics").get(calendar::open_courses))
        .service(web::resource("/certificates/{code}").get(certificates::verify));
}
