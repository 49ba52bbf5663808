//! The main navigation: one row of pages and grouped menus on a desktop, behind one "Menü"
//! button on a phone. Groups are disclosure buttons (the WAI-ARIA disclosure pattern, not an
//! ARIA menu: the entries are plain links, reached with Tab); Escape closes the open group and
//! returns to its button; the current page is marked with `aria-current="page"`.

use crate::i18n::{use_texts, Texts};
use crate::route::Route;
use crate::session::use_session;
use shared::auth::Role;
use wasm_bindgen::JsCast;
use yew::prelude::*;
use yew_router::prelude::*;

/// An entry of the main navigation.
enum Entry {
    Page(Route, &'static str),
    Group(&'static str, Vec<(Route, &'static str)>),
}

/// What `role` (None: signed out) is offered. Pages outside the role's scope are not offered;
/// the API refuses them anyway.
fn entries(role: Option<Role>, t: &Texts) -> Vec<Entry> {
    let staff = matches!(role, Some(Role::Admin | Role::Staff));
    let mut entries = vec![Entry::Page(Route::Home, t.nav_home)];
    if matches!(role, Some(Role::Admin | Role::Staff | Role::Coordinator)) {
        entries.push(Entry::Page(Route::People, t.nav_people));
    }
    if role.is_some() {
        let mut courses = vec![
            (Route::Courses, t.nav_course_list),
            (Route::Schedule, t.schedule_title),
            (Route::CourseFinder, t.nav_course_finder),
        ];
        if staff {
            courses.push((Route::RegistrationReviews, t.reviews_title));
            courses.push((Route::TandemApplications, t.tandems_title));
        }
        entries.push(Entry::Group(t.nav_courses, courses));
    } else {
        entries.push(Entry::Page(Route::CourseFinder, t.nav_course_finder));
    }
    entries.push(Entry::Group(
        t.nav_network,
        vec![
            (Route::Organisations, t.nav_organisations),
            (Route::Fields, t.nav_fields),
        ],
    ));
    entries.push(Entry::Group(
        t.nav_state,
        vec![
            (Route::Districts, t.nav_districts),
            (Route::Coverage, t.nav_coverage),
            (Route::Public, t.nav_public),
        ],
    ));
    if staff {
        entries.push(Entry::Page(Route::Reports, t.nav_reports));
    }
    if role == Some(Role::Admin) {
        entries.push(Entry::Group(
            t.nav_admin,
            vec![
                (Route::Accounts, t.admin_title),
                (Route::AuditLog, t.audit_title),
                (Route::Clients, t.clients_title),
                (Route::Outbox, t.outbox_title),
            ],
        ));
    }
    entries
}

/// The navigation entry a page belongs to: a record's pages to their list.
fn entry_of(route: &Route) -> Route {
    match route {
        Route::Organisation { .. } | Route::NewOrganisation | Route::EditOrganisation { .. } => {
            Route::Organisations
        }
        Route::District { .. } => Route::Districts,
        Route::Person { .. } | Route::NewPerson | Route::EditPerson { .. } => Route::People,
        Route::Course { .. }
        | Route::NewCourse
        | Route::EditCourse { .. }
        | Route::Attendance { .. } => Route::Courses,
        Route::OpenCourse { .. }
        | Route::ConfirmRegistration { .. }
        | Route::MyRegistration { .. }
        | Route::ConfirmTandem { .. } => Route::CourseFinder,
        other => other.clone(),
    }
}

#[function_component]
pub fn MainNav() -> Html {
    let t = use_texts();
    let role = use_session().as_ref().map(|s| s.account.role);
    let route = use_route::<Route>().unwrap_or(Route::Home);
    let current = entry_of(&route);
    let open_group = use_state(|| None::<usize>);
    let menu_open = use_state(|| false);
    {
        // A new page closes the menus.
        let (open_group, menu_open) = (open_group.clone(), menu_open.clone());
        use_effect_with(route.clone(), move |_| {
            open_group.set(None);
            menu_open.set(false);
        });
    }
    let nav_ref = use_node_ref();
    let onkeydown = {
        let (open_group, menu_open) = (open_group.clone(), menu_open.clone());
        Callback::from(move |e: KeyboardEvent| {
            if e.key() != "Escape" {
                return;
            }
            let button = match *open_group {
                Some(i) => format!("nav-group-{i}"),
                None if *menu_open => "nav-menu-toggle".to_owned(),
                None => return,
            };
            if open_group.is_some() {
                open_group.set(None);
            } else {
                menu_open.set(false);
            }
            crate::document::focus_by_id(&button);
        })
    };
    let onfocusout = {
        // Leaving the navigation (by Tab or by a click elsewhere) closes an open group.
        let (open_group, nav_ref) = (open_group.clone(), nav_ref.clone());
        Callback::from(move |e: FocusEvent| {
            let inside = match (nav_ref.get(), e.related_target()) {
                (Some(nav), Some(target)) => nav.contains(target.dyn_ref::<web_sys::Node>()),
                _ => false,
            };
            if !inside && open_group.is_some() {
                open_group.set(None);
            }
        })
    };
    let toggle_menu = {
        let menu_open = menu_open.clone();
        Callback::from(move |_| menu_open.set(!*menu_open))
    };
    let link = |to: &Route, label: &'static str| {
        html! { <NavLink to={to.clone()} current={*to == current}>{ label }</NavLink> }
    };
    let items = entries(role, t)
        .into_iter()
        .enumerate()
        .map(|(i, entry)| match entry {
            Entry::Page(to, label) => html! { <li>{ link(&to, label) }</li> },
            Entry::Group(label, pages) => {
                let expanded = *open_group == Some(i);
                let holds_current = pages.iter().any(|(to, _)| *to == current);
                let onclick = {
                    let open_group = open_group.clone();
                    Callback::from(move |_| open_group.set((!expanded).then_some(i)))
                };
                html! {
                    <li class="nav-group">
                        <button type="button" id={format!("nav-group-{i}")} class={classes!(holds_current.then_some("active"))}
                            aria-expanded={expanded.to_string()} aria-controls={format!("nav-group-{i}-pages")} {onclick}>
                            { label }<span class="caret" aria-hidden="true">{ "▾" }</span>
                        </button>
                        <ul id={format!("nav-group-{i}-pages")} hidden={!expanded}>
                            { for pages.iter().map(|(to, label)| html! { <li>{ link(to, label) }</li> }) }
                        </ul>
                    </li>
                }
            }
        });
    html! {
        <nav class="main" aria-label={t.nav_label} ref={nav_ref} {onkeydown} {onfocusout}>
            <button type="button" id="nav-menu-toggle" class="menu-toggle" aria-expanded={menu_open.to_string()} aria-controls="nav-pages" onclick={toggle_menu}>
                <span aria-hidden="true">{ "☰ " }</span>{ t.nav_menu }
            </button>
            <ul id="nav-pages" class={classes!("nav-pages", menu_open.then_some("open"))}>
                { for items }
            </ul>
        </nav>
    }
}

#[derive(Properties, PartialEq)]
struct NavLinkProps {
    to: Route,
    current: bool,
    children: Html,
}

/// A link that tells assistive technology when it is the current page (yew-router's `Link`
/// takes no ARIA attributes); a plain click navigates inside the app, a modified one (new tab)
/// is left to the browser.
#[function_component]
fn NavLink(props: &NavLinkProps) -> Html {
    let navigator = use_navigator();
    let onclick = {
        let to = props.to.clone();
        Callback::from(move |e: MouseEvent| {
            let modified = e.ctrl_key() || e.meta_key() || e.shift_key() || e.alt_key();
            if let (false, 0, Some(n)) = (modified, e.button(), &navigator) {
                e.prevent_default();
                n.push(&to);
            }
        })
    };
    html! {
        <a href={props.to.to_path()} class={classes!(props.current.then_some("active"))}
            aria-current={props.current.then_some("page")} {onclick}>
            { props.children.clone() }
        </a>
    }
}
