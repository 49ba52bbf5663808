//! The app's addresses: one German path per page. Pages link with these; the app shell maps
//! them to pages.

use yew_router::prelude::*;

#[derive(Clone, Routable, PartialEq)]
pub enum Route {
    #[at("/")]
    Home,
    #[at("/anmelden")]
    Login,
    #[at("/organisationen")]
    Organisations,
    #[at("/organisationen/neu")]
    NewOrganisation,
    #[at("/organisationen/:id")]
    Organisation { id: i64 },
    #[at("/organisationen/:id/bearbeiten")]
    EditOrganisation { id: i64 },
    #[at("/einsatzfelder")]
    Fields,
    #[at("/personen")]
    People,
    #[at("/personen/neu")]
    NewPerson,
    #[at("/personen/:id")]
    Person { id: i64 },
    #[at("/personen/:id/bearbeiten")]
    EditPerson { id: i64 },
    #[at("/abdeckung")]
    Coverage,
    #[at("/oeffentlich")]
    Public,
    #[at("/kreise")]
    Districts,
    #[at("/kreise/:key")]
    District { key: String },
    #[at("/kurse")]
    Courses,
    #[at("/kurse/neu")]
    NewCourse,
    #[at("/kurse/:id")]
    Course { id: i64 },
    #[at("/kurse/:id/bearbeiten")]
    EditCourse { id: i64 },
    #[at("/kurse/:id/anwesenheit")]
    Attendance { id: i64 },
    #[at("/kurs-finden")]
    CourseFinder,
    #[at("/kurs-finden/:id")]
    OpenCourse { id: i64 },
    #[at("/anmeldung/bestaetigen/:token")]
    ConfirmRegistration { token: String },
    #[at("/anmeldung/:token")]
    MyRegistration { token: String },
    #[at("/kalender")]
    Schedule,
    #[at("/berichte")]
    Reports,
    #[at("/pruefen")]
    Verify,
    #[at("/pruefen/:code")]
    VerifyCode { code: String },
    #[at("/verwaltung")]
    Accounts,
    #[at("/verwaltung/protokoll")]
    AuditLog,
    #[at("/verwaltung/clients")]
    Clients,
    #[at("/verwaltung/post")]
    Outbox,
    #[at("/kurse/anmeldungen-pruefen")]
    RegistrationReviews,
    #[at("/kurse/tandembewerbungen")]
    TandemApplications,
    #[at("/tandem/bestaetigen/:token")]
    ConfirmTandem { token: String },
    #[at("/einladung/:token")]
    Invitation { token: String },
    #[at("/passwort-vergessen")]
    ForgotPassword,
    #[at("/passwort-zuruecksetzen/:token")]
    ResetPassword { token: String },
    #[at("/konto")]
    MyAccount,
    #[at("/barrierefreiheit")]
    AccessibilityStatement,
    #[not_found]
    #[at("/nicht-gefunden")]
    NotFound,
}
