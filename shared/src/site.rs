//! Who runs this installation of Mentorat and how people reach them, for the pages the law asks
//! for (the accessibility statement's feedback contact).

use crate::Email;
use serde::{Deserialize, Serialize};

/// The operator of this installation and its contact address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SiteContact {
    /// Name of the body that runs the platform, e.g. the education provider.
    #[cfg_attr(feature = "openapi", schema(example = "Bildungsträger des Mentorats"))]
    pub operator: String,
    /// Where feedback on accessibility and other questions go.
    pub email: Email,
}
