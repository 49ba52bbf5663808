//! The API's resources under `/api/v1`, one directory each: `mod.rs` with the routes and thin
//! handlers, `store.rs` with the queries and the rules (see the README's "adding a resource").

/// Registers a resource's handlers once, for both the server and the OpenAPI document: it
/// writes the module's `routes` (under `/api/v1`), `public_routes` (under `/api/v1/public`) and
/// `doc` (its operations, from each handler's `#[utoipa::path]`). A unit test below checks that
/// the paths given here are the documented ones.
///
/// ```ignore
/// routes! {
///     "/fields" => [get(list), post(create)],
///     "/fields/{id}" => [get(get_one), put(update)];
///     public: "/fields.csv" => [get(csv)],
/// }
/// ```
macro_rules! routes {
    (
        $( $path:literal => [ $( $method:ident ( $handler:ident ) ),+ $(,)? ] ),* $(,)?
        $( ; public: $( $public_path:literal => [ $( $public_method:ident ( $public_handler:ident ) ),+ $(,)? ] ),* $(,)? )?
    ) => {
        /// This resource's routes under `/api/v1`.
        pub fn routes(cfg: &mut actix_web::web::ServiceConfig) {
            let _ = &cfg;
            $( cfg.service(actix_web::web::resource($path) $( .route(actix_web::web::$method().to($handler)) )+ ); )*
        }

        /// This resource's reads under `/api/v1/public`, open to every web site.
        pub fn public_routes(cfg: &mut actix_web::web::ServiceConfig) {
            let _ = &cfg;
            $( $( cfg.service(actix_web::web::resource($public_path) $( .route(actix_web::web::$public_method().to($public_handler)) )+ ); )* )?
        }

        /// This resource's operations in the OpenAPI document.
        pub fn doc() -> utoipa::openapi::OpenApi {
            #[derive(utoipa::OpenApi)]
            #[openapi(paths( $( $( $handler, )+ )* $( $( $( $public_handler, )+ )* )? ))]
            struct Doc;
            <Doc as utoipa::OpenApi>::openapi()
        }

        /// The (path, method) pairs registered above, with their full paths.
        #[cfg(test)]
        pub fn registered() -> Vec<(String, &'static str)> {
            #[allow(unused_mut)]
            let mut all: Vec<(String, &'static str)> = Vec::new();
            $( $( all.push((format!("/api/v1{}", $path), stringify!($method))); )+ )*
            $( $( $( all.push((format!("/api/v1/public{}", $public_path), stringify!($public_method))); )+ )* )?
            all
        }
    };
}

pub mod accompaniment;
pub mod accounts;
pub mod attendance;
pub mod audit;
pub mod calendar;
pub mod certificate_profiles;
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
pub mod registrations;
pub mod reports;
pub mod sign_in;
pub mod site;
pub mod tandem_applications;

use actix_web::web;

/// A resource module's registrations, as written by [`routes!`].
struct Resource {
    routes: fn(&mut web::ServiceConfig),
    public_routes: fn(&mut web::ServiceConfig),
    doc: fn() -> utoipa::openapi::OpenApi,
    #[cfg(test)]
    registered: fn() -> Vec<(String, &'static str)>,
}

macro_rules! resources {
    ($($module:ident),+ $(,)?) => {
        /// Every resource of the API; adding one here is all it takes to serve and document it.
        const RESOURCES: &[Resource] = &[$(Resource {
            routes: $module::routes,
            public_routes: $module::public_routes,
            doc: $module::doc,
            #[cfg(test)]
            registered: $module::registered,
        }),+];
    };
}

resources![
    sign_in,
    fields,
    districts,
    municipalities,
    organisations,
    people,
    privacy,
    courses,
    calendar,
    enrolments,
    registrations,
    tandem_applications,
    attendance,
    certificates,
    certificate_profiles,
    audit,
    accounts,
    outbox,
    clients,
    coverage,
    listing,
    reports,
    accompaniment,
    site,
];

/// Every resource under `/api/v1` (besides `/api/v1/public`).
pub fn routes(cfg: &mut web::ServiceConfig) {
    for resource in RESOURCES {
        (resource.routes)(cfg);
    }
}

/// The reads under `/api/v1/public`, for municipal web sites and integrators.
pub fn public_routes(cfg: &mut web::ServiceConfig) {
    for resource in RESOURCES {
        (resource.public_routes)(cfg);
    }
}

/// The operations of every resource, for the OpenAPI document.
pub fn doc() -> impl Iterator<Item = utoipa::openapi::OpenApi> {
    RESOURCES.iter().map(|resource| (resource.doc)())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    /// What `routes!` registers is exactly what the handlers' `#[utoipa::path]` document, so
    /// no route is served undocumented and no documented one is missing.
    #[test]
    fn every_route_is_registered_as_documented() {
        let registered: BTreeSet<(String, String)> = super::RESOURCES
            .iter()
            .flat_map(|r| (r.registered)())
            .map(|(path, method)| (path, method.to_uppercase()))
            .collect();
        let documented: BTreeSet<(String, String)> = super::doc()
            .flat_map(|doc| {
                let json = doc.to_json().expect("the document serialises");
                crate::openapi::operations_of(&json).expect("the document lists its paths")
            })
            .flat_map(|(path, methods, _)| {
                methods
                    .into_iter()
                    .map(move |method| (path.clone(), method.to_owned()))
            })
            .collect();
        assert_eq!(registered, documented);
    }
}
