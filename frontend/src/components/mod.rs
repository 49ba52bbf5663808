//! Widgets the pages share: inputs, pickers, notices, paging and record links.

mod area_filter;
mod municipality_picker;
mod notices;
mod pager;
mod record_link;
mod search_picker;
mod text_field;

pub use area_filter::AreaFilter;
pub use municipality_picker::MunicipalityPicker;
pub use notices::{ErrorNotice, FailureNotice, Loading};
pub use pager::Pager;
pub use record_link::{OrganisationLink, PersonLink};
pub use search_picker::SearchPicker;
pub use text_field::TextField;
