//! Widgets the pages share, and the main navigation: inputs, pickers, notices, paging, record links and scrolling
//! regions for wide tables.

mod area_filter;
mod language_picker;
mod main_nav;
mod municipality_picker;
mod notices;
mod pager;
mod record_link;
mod scroll_region;
mod search_picker;
mod text_field;

pub use area_filter::AreaFilter;
pub use language_picker::{language_label, LanguagePicker};
pub use main_nav::MainNav;
pub use municipality_picker::{MunicipalityName, MunicipalityPicker};
pub use notices::{ErrorNotice, FailureNotice, Loading};
pub use pager::Pager;
pub use record_link::{OrganisationLink, PersonLink};
pub use scroll_region::ScrollRegion;
pub use search_picker::SearchPicker;
pub use text_field::TextField;
