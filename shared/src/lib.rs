//! Domain values and the request/response types of the Mentorat API, used by the backend and the
//! frontend alike. Values that have rules (keys, e-mail addresses, …) are newtypes that can only
//! be built through their parser, so invalid data cannot get past the edge.

pub mod api;
pub mod auth;
pub mod organisations;
pub mod reference;
pub mod values;

pub use api::{FieldError, Page, Problem};
pub use values::{Ags, DistrictKey, Email, ValueError};
