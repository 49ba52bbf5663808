//! The app shell: routes, header with navigation, language switch and session.

use crate::components::MainNav;
use crate::i18n::{use_texts, Lang};
use crate::pages;
use crate::route::Route;
use crate::session::{self, Session, SessionHandle};
use yew::prelude::*;
use yew_router::prelude::*;

fn switch(route: Route) -> Html {
    match route {
        Route::Home => html! { <pages::home::Home /> },
        #[cfg(feature = "staff")]
        Route::Login => html! { <pages::login::Login /> },
        #[cfg(feature = "staff")]
        Route::Organisations => html! { <pages::organisations::OrganisationList /> },
        #[cfg(feature = "staff")]
        Route::NewOrganisation => {
            html! { <pages::organisations::OrganisationEditor id={None::<i64>} /> }
        }
        #[cfg(feature = "staff")]
        Route::Organisation { id } => html! { <pages::organisations::OrganisationDetail {id} /> },
        #[cfg(feature = "staff")]
        Route::EditOrganisation { id } => {
            html! { <pages::organisations::OrganisationEditor id={Some(id)} /> }
        }
        #[cfg(feature = "staff")]
        Route::Fields => html! { <pages::fields::Fields /> },
        #[cfg(feature = "staff")]
        Route::People => html! { <pages::people::PeopleList /> },
        #[cfg(feature = "staff")]
        Route::NewPerson => html! { <pages::people::PersonEditor id={None::<i64>} /> },
        #[cfg(feature = "staff")]
        Route::Person { id } => html! { <pages::people::PersonDetail {id} /> },
        #[cfg(feature = "staff")]
        Route::EditPerson { id } => html! { <pages::people::PersonEditor id={Some(id)} /> },
        Route::Coverage => html! { <pages::coverage::CoveragePage /> },
        Route::Public => html! { <pages::public::PublicPreview /> },
        Route::Districts => html! { <pages::districts::Districts /> },
        Route::District { key } => {
            html! { <pages::districts::DistrictDetail district_key={key} /> }
        }
        #[cfg(feature = "staff")]
        Route::Courses => html! { <pages::courses::CourseList /> },
        #[cfg(feature = "staff")]
        Route::NewCourse => html! { <pages::courses::CourseEditor id={None::<i64>} /> },
        #[cfg(feature = "staff")]
        Route::Course { id } => html! { <pages::courses::CourseDetail {id} /> },
        #[cfg(feature = "staff")]
        Route::EditCourse { id } => html! { <pages::courses::CourseEditor id={Some(id)} /> },
        #[cfg(feature = "staff")]
        Route::Attendance { id } => html! { <pages::courses::Attendance {id} /> },
        #[cfg(feature = "staff")]
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
        #[cfg(feature = "staff")]
        Route::Accounts => html! { <pages::admin::Accounts /> },
        #[cfg(feature = "staff")]
        Route::AuditLog => html! { <pages::admin::AuditLog /> },
        #[cfg(feature = "staff")]
        Route::Reports => html! { <pages::reports::Reports /> },
        #[cfg(feature = "staff")]
        Route::Clients => html! { <pages::admin::Clients /> },
        #[cfg(feature = "staff")]
        Route::Outbox => html! { <pages::admin::Outbox /> },
        #[cfg(feature = "staff")]
        Route::RegistrationReviews => html! { <pages::courses::RegistrationReviews /> },
        #[cfg(feature = "staff")]
        Route::TandemApplications => html! { <pages::courses::TandemApplications /> },
        Route::ConfirmTandem { token } => html! { <pages::tandem::ConfirmTandem {token} /> },
        #[cfg(feature = "staff")]
        Route::Invitation { token } => html! { <pages::account::AcceptInvitationPage {token} /> },
        #[cfg(feature = "staff")]
        Route::MyAccount => html! { <pages::account::MyAccount /> },
        #[cfg(feature = "staff")]
        Route::ForgotPassword => html! { <pages::account::ForgotPassword /> },
        #[cfg(feature = "staff")]
        Route::ResetPassword { token } => html! { <pages::account::ResetPassword {token} /> },
        Route::AccessibilityStatement => {
            html! { <pages::accessibility::AccessibilityStatement /> }
        }
        Route::NotFound => html! { <NotFound /> },
        #[cfg(not(feature = "staff"))]
        _ => html! { <WholeApp /> },
    }
}

/// In the citizens' build, a page it does not have: reload into the whole app (`boot.js`
/// loads it for this path, or because of `mentorat.full`, which rules out a loop).
#[cfg(not(feature = "staff"))]
#[function_component]
fn WholeApp() -> Html {
    use_effect_with((), |_| {
        if let Some(window) = web_sys::window() {
            if let Ok(Some(storage)) = window.session_storage() {
                let _ = storage.set_item("mentorat.full", "1");
            }
            let _ = window.location().reload();
        }
    });
    html! { <crate::components::Loading /> }
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
    use_effect_with((), |_| crate::document::title_follows_heading());
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
    crate::document::use_page_focus(&route);
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
    html! {
        <>
            <a class="skip" href="#content">{ t.skip_to_content }</a>
            <header class="top">
                // Language and session in a slim row of their own, so the navigation has the
                // whole width of the row below.
                <div class="utility">
                    <div class="session">
                        <button onclick={toggle_lang} aria-label={t.switch_lang_label} lang={if *lang == Lang::De { "en" } else { "de" }}>{ t.switch_lang }</button>
                        { match &*session {
                            Some(Session { account, .. }) => html! {
                                <>
                                    <Link<Route> to={Route::MyAccount} classes="account-link"><span class="signed-in-as">{ t.signed_in_as }{ " " }</span><strong>{ &account.display_name }</strong></Link<Route>>
                                    <button onclick={sign_out}>{ t.sign_out }</button>
                                </>
                            },
                            None => html! { <Link<Route> to={Route::Login}>{ t.sign_in }</Link<Route>> },
                        } }
                    </div>
                </div>
                <div class="bar">
                    <Link<Route> to={Route::Home} classes="brand">{ "Mentorat" }<small>{ t.app_subtitle }</small></Link<Route>>
                    <MainNav />
                </div>
            </header>
            <main id="content" tabindex="-1">
                <Switch<Route> render={switch} />
            </main>
            <div id={crate::document::ANNOUNCER_ID} class="visually-hidden" role="status" aria-live="polite" aria-atomic="true"></div>
            <footer class="foot">{ t.footer }{ " · " }<Link<Route> to={Route::Verify}>{ t.verify_title }</Link<Route>>{ " · " }<Link<Route> to={Route::AccessibilityStatement}>{ t.a11y_link }</Link<Route>>{ " · " }<a href="/api/docs/">{ t.nav_api_docs }</a></footer>
        </>
    }
}
