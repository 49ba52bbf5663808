//! Domain values and the request/response types of the Mentorat API, used by the backend and the
//! frontend alike. Values that have rules (keys, e-mail addresses, …) are newtypes that can only
//! be built through their parser, so invalid data cannot get past the edge.

/// An enum with stable snake_case codes (database and API) and German/English labels.
///
/// Its OpenAPI schema is written here rather than derived: the derive cannot see the codes
/// through this macro and would publish the Rust variant names, which the API neither sends
/// nor accepts.
#[macro_export]
macro_rules! code_enum {
    (
        $(#[doc = $doc:literal])*
        $name:ident { $($variant:ident = $code:literal, $de:literal, $en:literal;)+ }
    ) => {
        $(#[doc = $doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            ::serde::Serialize, ::serde::Deserialize,
        )]
        #[cfg_attr(
            feature = "diesel",
            derive(::diesel::AsExpression, ::diesel::FromSqlRow),
            diesel(sql_type = ::diesel::sql_types::Text)
        )]
        pub enum $name {
            $(#[serde(rename = $code)] $variant,)+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];
            /// The stable code stored in the database and used in the API.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code,)+ }
            }
            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }
            pub fn label_de(self) -> &'static str {
                match self { $($name::$variant => $de,)+ }
            }
            pub fn label_en(self) -> &'static str {
                match self { $($name::$variant => $en,)+ }
            }
        }

        #[cfg(feature = "openapi")]
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                $crate::openapi::code_enum_schema(
                    concat!($($doc, "\n",)* ""),
                    &[$(($code, $de, $en),)+],
                )
            }
        }

        #[cfg(feature = "openapi")]
        impl utoipa::ToSchema for $name {}

        /// Read from its stored code; an unknown code is an error, never a silent default.
        #[cfg(feature = "diesel")]
        impl<DB> ::diesel::deserialize::FromSql<::diesel::sql_types::Text, DB> for $name
        where
            DB: ::diesel::backend::Backend,
            String: ::diesel::deserialize::FromSql<::diesel::sql_types::Text, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> ::diesel::deserialize::Result<Self> {
                let code =
                    <String as ::diesel::deserialize::FromSql<::diesel::sql_types::Text, DB>>::from_sql(bytes)?;
                Self::from_code(&code).ok_or_else(|| {
                    format!("unknown {} code {code:?} in the database", stringify!($name)).into()
                })
            }
        }

        /// Stored as its code.
        #[cfg(feature = "diesel")]
        impl<DB> ::diesel::serialize::ToSql<::diesel::sql_types::Text, DB> for $name
        where
            DB: ::diesel::backend::Backend,
            str: ::diesel::serialize::ToSql<::diesel::sql_types::Text, DB>,
        {
            fn to_sql<'b>(
                &'b self,
                out: &mut ::diesel::serialize::Output<'b, '_, DB>,
            ) -> ::diesel::serialize::Result {
                <str as ::diesel::serialize::ToSql<::diesel::sql_types::Text, DB>>::to_sql(self.code(), out)
            }
        }
    };
}

/// Month names, January first, for dates written out in the web app and in PDFs.
pub const MONTHS_DE: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];
pub const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

#[cfg(feature = "openapi")]
pub mod openapi;

pub mod accompaniment;
pub mod accounts;
pub mod api;
pub mod audit;
pub mod auth;
pub mod certificates;
pub mod clients;
pub mod courses;
pub mod coverage;
pub mod languages;
pub mod organisations;
pub mod people;
pub mod reference;
pub mod registrations;
pub mod reports;
pub mod site;
pub mod tandems;
pub mod values;

pub use api::{Page, Problem};
pub use values::{Ags, DistrictKey, Email, FieldError, FieldErrors, ValueError};
