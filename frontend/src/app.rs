//! The app shell: routes, header with navigation, language switch and session.

use crate::i18n::{use_texts, Lang};
use crate::pages;
use crate::route::Route;
use crate::session::{self, Session, SessionHandle};
use shared::auth::Role;
use yew::prelude::*;
use yew_router::prelude::*;

fn switch(route: Route) -> Html {
    match route {
        Route::Home => html! { <pages::home::Home /> },
        Route::Login => html! { <pages::login::Login /> },
        Route::Organisations => html! { <pages::organisations::OrganisationList /> },
        Route::NewOrganisation => {
            html! { <pages::organisations::OrganisationEditor id={None::<i64>} /> }
        }
        Route::Organisation { id } => html! { <pages::organisations::OrganisationDetail {id} /> },
        Route::EditOrganisation { id } => {
            html! { <pages::organisations::OrganisationEditor id={Some(id)} /> }
        }
        Route::Fields => html! { <pages::fields::Fields /> },
        Route::People => html! { <pages::people::PeopleList /> },
        Route::NewPerson => html! { <pages::people::PersonEditor id={None::<i64>} /> },
        Route::Person { id } => html! { <pages::people::PersonDetail {id} /> },
        Route::EditPerson { id } => html! { <pages::people::PersonEditor id={Some(id)} /> },
        Route::Coverage => html! { <pages::coverage::CoveragePage /> },
        Route::Public => html! { <pages::public::PublicPreview /> },
        Route::Districts => html! { <pages::districts::Districts /> },
        Route::District { key } => {
            html! { <pages::districts::DistrictDetail district_key={key} /> }
        }
        Route::Courses => html! { <pages::courses::CourseList /> },
        Route::NewCourse => html! { <pages::courses::CourseEditor id={None::<i64>} /> },
        Route::Course { id } => html! { <pages::courses::CourseDetail {id} /> },
        Route::EditCourse { id } => html! { <pages::courses::CourseEditor id={Some(id)} /> },
        Route::Attendance { id } => html! { <pages::courses::Attendance {id} /> },
        Route::Schedule => html! { <pages::courses::Schedule /> },
        Route::CourseFinder => html! { <pages::course_finder::CourseFinder /> },
        Route::OpenCourse { id } => html! { <pages::course_finder::OpenCourse {id} /> },
        Route::ConfirmRegistration { token } => {
            html! { <pages::registration::ConfirmRegistration {token} /> }
        }
        Route::MyRegistration { token } => {
            html! { <pages::registration::MyRegistration {token} /> }
        }
        Route::Verify => html! { <pages::verify::Verify /> },
        Route::VerifyCode { code } => html! { <pages::verify::Verify code={Some(code)} /> },
        Route::Accounts => html! { <pages::admin::Accounts /> },
        Route::AuditLog => html! { <pages::admin::AuditLog /> },
        Route::Reports => html! { <pages::reports::Reports /> },
        Route::Clients => html! { <pages::admin::Clients /> },
        Route::Outbox => html! { <pages::admin::Outbox /> },
        Route::RegistrationReviews => html! { <pages::courses::RegistrationReviews /> },
        Route::TandemApplications => html! { <pages::courses::TandemApplications /> },
        Route::ConfirmTandem { token } => html! { <pages::tandem::ConfirmTandem {token} /> },
        Route::Invitation { token } => html! { <pages::account::AcceptInvitationPage {token} /> },
        Route::MyAccount => html! { <pages::account::MyAccount /> },
        Route::ForgotPassword => html! { <pages::account::ForgotPassword /> },
        Route::ResetPassword { token } => html! { <pages::account::ResetPassword {token} /> },
        Route::NotFound => html! { <NotFound /> },
    }
}

#[function_component]
fn NotFound() -> Html {
    let t = use_texts();
    html! { <><h1>{ t.not_found }</h1><Link<Route> to={Route::Home}>{ t.nav_home }</Link<Route>></> }
}

#[function_component]
pub fn App() -> Html {
    let session: SessionHandle = use_state(session::load);
    let lang = use_state(crate::i18n::stored_lang);
    {
        let session = session.clone();
        use_effect_with((*session).clone(), move |s| {
            session::store(s);
            drop(session);
        });
    }
    use_effect_with(*lang, |lang| crate::i18n::apply_lang(*lang));
    html! {
        <ContextProvider<SessionHandle> context={session}>
            <ContextProvider<UseStateHandle<Lang>> context={lang}>
                <BrowserRouter>
                    <Shell />
                </BrowserRouter>
            </ContextProvider<UseStateHandle<Lang>>>
        </ContextProvider<SessionHandle>>
    }
}

#[function_component]
fn Shell() -> Html {
    let t = use_texts();
    let lang = use_context::<UseStateHandle<Lang>>().expect("lang");
    let session = session::use_session();
    let route = use_route::<Route>().unwrap_or(Route::Home);
    let navigator = use_navigator();
    let toggle_lang = {
        let lang = lang.clone();
        Callback::from(move |_| {
            lang.set(if *lang == Lang::De {
                Lang::En
            } else {
                Lang::De
            })
        })
    };
    let sign_out = {
        let session = session.clone();
        Callback::from(move |_| {
            // The server ends the session, so the token is worthless even if it was copied.
            if let Some(token) = session.as_ref().map(|s| s.token.clone()) {
                crate::api::send_and_forget(crate::services::auth::logout(), Some(token));
            }
            session.set(None);
            if let Some(n) = &navigator {
                n.push(&Route::Home);
            }
        })
    };
    // Pages outside the role's scope are not offered; the API refuses them anyway.
    let role = session.as_ref().map(|s| s.account.role);
    let nav_link = |to: Route, label: &'static str| {
        let active = std::mem::discriminant(&route) == std::mem::discriminant(&to)
            || matches!(
                (&route, &to),
                (
                    Route::Organisation { .. }
                        | Route::NewOrganisation
                        | Route::EditOrganisation { .. },
                    Route::Organisations
                ) | (Route::District { .. }, Route::Districts)
                    | (
                        Route::Person { .. } | Route::NewPerson | Route::EditPerson { .. },
                        Route::People
                    )
                    | (
                        Route::Course { .. }
                            | Route::NewCourse
                            | Route::EditCourse { .. }
                            | Route::Attendance { .. }
                            | Route::Schedule
                            | Route::RegistrationReviews
                            | Route::TandemApplications,
                        Route::Courses
                    )
                    | (
                        Route::AuditLog | Route::Clients | Route::Outbox,
                        Route::Accounts
                    )
                    | (
                        Route::OpenCourse { .. }
                            | Route::ConfirmRegistration { .. }
                            | Route::MyRegistration { .. }
                            | Route::ConfirmTandem { .. },
                        Route::CourseFinder
                    )
            );
        html! {
            <Link<Route> to={to} classes={classes!(active.then_some("active"))}>{ label }</Link<Route>>
        }
    };
    html! {
        <>
            <a class="skip" href="#content">{ t.skip_to_content }</a>
            <header class="top">
                <div class="bar">
                    <Link<Route> to={Route::Home} classes="brand">{ "Mentorat" }<small>{ t.app_subtitle }</small></Link<Route>>
                    <nav class="main" aria-label="Hauptnavigation">
                        { nav_link(Route::Home, t.nav_home) }
                        if matches!(role, Some(Role::Admin | Role::Staff | Role::Coordinator)) { { nav_link(Route::People, t.nav_people) } }
                        { nav_link(Route::CourseFinder, t.nav_course_finder) }
                        if role.is_some() { { nav_link(Route::Courses, t.nav_courses) } }
                        { nav_link(Route::Organisations, t.nav_organisations) }
                        { nav_link(Route::Fields, t.nav_fields) }
                        { nav_link(Route::Districts, t.nav_districts) }
                        { nav_link(Route::Coverage, t.nav_coverage) }
                        if matches!(role, Some(Role::Admin | Role::Staff)) { { nav_link(Route::Reports, t.nav_reports) } }
                        { nav_link(Route::Public, t.nav_public) }
                        if role == Some(Role::Admin) { { nav_link(Route::Accounts, t.nav_admin) } }
                        <a href="/api/docs/">{ t.nav_api }</a>
                    </nav>
                    <div class="session">
                        <button onclick={toggle_lang} aria-label={t.switch_lang_label} lang={if *lang == Lang::De { "en" } else { "de" }}>{ t.switch_lang }</button>
                        { match &*session {
                            Some(Session { account, .. }) => html! {
                                <>
                                    <Link<Route> to={Route::MyAccount} classes="account-link">{ t.signed_in_as }{ " " }<strong>{ &account.display_name }</strong></Link<Route>>
                                    <button onclick={sign_out}>{ t.sign_out }</button>
                                </>
                            },
                            None => html! { <Link<Route> to={Route::Login}>{ t.sign_in }</Link<Route>> },
                        } }
                    </div>
                </div>
            </header>
            <main id="content" tabindex="-1">
                <Switch<Route> render={switch} />
            </main>
            <footer class="foot">{ t.footer }{ " · " }<Link<Route> to={Route::Verify}>{ t.verify_title }</Link<Route>></footer>
        </>
    }
}
