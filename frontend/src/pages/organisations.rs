//! Partner organisations: list with filters, detail, create and edit.

use crate::api::{use_actions, use_get, use_image, use_maybe_get, Load};
use crate::components::{
    ErrorNotice, FailureNotice, Loading, MunicipalityName, MunicipalityPicker, Pager, ScrollRegion,
    TextField,
};
use crate::form::{on_input, on_select, on_value, Edit, Form};
use crate::i18n::{use_lang, use_texts, Labelled, Lang};
use crate::route::Route;
use crate::services;
use crate::session::use_session;
use crate::url_query::use_url_query;
use shared::auth::Role;
use shared::organisations::{
    Address, CertificateProfile, CertificateProfileInput, Contact, Organisation, OrganisationInput,
    OrganisationKind, ProgrammeRole,
};
use shared::reference::FieldOfActivity;
use std::rc::Rc;
use yew::prelude::*;
use yew_router::prelude::*;

const PAGE_SIZE: i64 = 25;

fn field_name(field: &FieldOfActivity, lang: Lang) -> String {
    if lang == Lang::De {
        field.name_de.clone()
    } else {
        field.name_en.clone()
    }
}

/// The list's filters and page, kept in the address and sent to the API as they are.
#[derive(Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
struct ListFilter {
    #[serde(skip_serializing_if = "String::is_empty")]
    kind: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    district: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    field: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    q: String,
    #[serde(skip_serializing_if = "crate::url_query::is_first")]
    offset: i64,
}

#[function_component]
pub fn OrganisationList() -> Html {
    let t = use_texts();
    let lang = use_lang();
    let session = use_session();
    let filter = use_url_query::<ListFilter>();
    let (page, reload) = use_get(services::organisations::list(&*filter.0, PAGE_SIZE));
    let (districts, _) = use_get(services::reference::districts());
    let (fields, _) = use_get(services::reference::fields(false));
    let fields = match fields {
        Load::Ready(f, _) => f,
        _ => Rc::new(Vec::new()),
    };
    let set_page = on_value(&filter, |f, offset: i64| f.offset = offset);
    let field_names = {
        let fields = fields.clone();
        move |ids: &[i64]| -> Html {
            ids.iter()
                .filter_map(|id| fields.iter().find(|f| f.id == *id))
                .map(|f| html! { <span class="tag">{ field_name(f, lang) }</span> })
                .collect()
        }
    };
    html! {
        <>
            <h1>{ t.org_title }</h1>
            if session.is_some() {
                <div class="actions"><Link<Route> to={Route::NewOrganisation} classes="button primary">{ t.org_new }</Link<Route>></div>
            }
            <form class="filters" role="search" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <label>{ t.search }
                    <input type="search" id="org-search" placeholder={t.org_search_hint} value={filter.0.q.clone()}
                        oninput={on_input(&filter, |f, v| { f.q = v; f.offset = 0; })} />
                </label>
                <label>{ t.org_kind }
                    <select id="org-kind-filter" onchange={on_select(&filter, |f, v| { f.kind = v; f.offset = 0; })}>
                        <option value="" selected={filter.0.kind.is_empty()}>{ t.all }</option>
                        { for OrganisationKind::ALL.iter().map(|k| html! {
                            <option value={k.code()} selected={filter.0.kind == k.code()}>{ k.label(lang) }</option>
                        }) }
                    </select>
                </label>
                <label>{ t.org_district }
                    <select id="org-district-filter" onchange={on_select(&filter, |f, v| { f.district = v; f.offset = 0; })}>
                        <option value="" selected={filter.0.district.is_empty()}>{ t.all }</option>
                        { match &districts { Load::Ready(ds, _) => ds.iter().map(|d| html! {
                            <option value={d.key.to_string()} selected={filter.0.district == d.key.as_str()}>{ &d.label }</option>
                        }).collect::<Html>(), _ => html! {} } }
                    </select>
                </label>
                <label>{ t.org_fields }
                    <select id="org-field-filter" onchange={on_select(&filter, |f, v| { f.field = v; f.offset = 0; })}>
                        <option value="" selected={filter.0.field.is_empty()}>{ t.all }</option>
                        { for fields.iter().map(|f| html! {
                            <option value={f.id.to_string()} selected={filter.0.field == f.id.to_string()}>{ field_name(f, lang) }</option>
                        }) }
                    </select>
                </label>
            </form>
            { match page {
                Load::Loading => html! { <Loading /> },
                Load::Failed(f) => html! { <FailureNotice failure={f} retry={Some(reload)} /> },
                Load::Ready(page, _) if page.items.is_empty() => html! { <p class="empty">{ t.org_empty }</p> },
                Load::Ready(page, _) => html! {
                    <>
                        <ScrollRegion label={t.nav_organisations}>
                        <table id="organisations">
                            <thead><tr><th scope="col">{ t.org_name }</th><th scope="col">{ t.org_kind }</th><th scope="col">{ t.org_municipality }</th><th scope="col">{ t.org_fields }</th></tr></thead>
                            <tbody>
                                { for page.items.iter().map(|o| html! {
                                    <tr>
                                        <td><Link<Route> to={Route::Organisation { id: o.id }}>{ &o.name }</Link<Route>></td>
                                        <td>{ o.kind.label(lang) }</td>
                                        <td>{ o.municipality.as_ref().map(|m| m.name.clone()).unwrap_or_else(|| t.none.into()) }</td>
                                        <td>{ field_names(&o.fields) }</td>
                                    </tr>
                                }) }
                            </tbody>
                        </table>
                        </ScrollRegion>
                        <Pager offset={page.offset} limit={PAGE_SIZE} shown={page.items.len() as i64} total={page.total} on_page={set_page.clone()} />
                    </>
                },
            } }
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct DetailProps {
    pub id: i64,
}

#[function_component]
pub fn OrganisationDetail(props: &DetailProps) -> Html {
    let t = use_texts();
    let lang = use_lang();
    let session = use_session();
    let navigator = use_navigator();
    let (org, reload) = use_get(services::organisations::get(props.id));
    let (fields, _) = use_get(services::reference::fields(true));
    let actions = use_actions();
    let failure = actions.failure.clone();
    let org = match org {
        Load::Loading => return html! { <Loading /> },
        Load::Failed(f) => return html! { <FailureNotice failure={f} retry={Some(reload)} /> },
        Load::Ready(org, etag) => (org, etag),
    };
    let (org, etag) = org;
    let on_delete = {
        let (actions, id) = (actions.clone(), org.id);
        Callback::from(move |_| {
            let confirmed = web_sys::window()
                .and_then(|w| w.confirm_with_message(t.org_delete_confirm).ok())
                .unwrap_or(false);
            if !confirmed {
                return;
            }
            let navigator = navigator.clone();
            actions.run(
                services::organisations::remove(id, etag.clone()),
                move |()| {
                    if let Some(n) = navigator {
                        n.push(&Route::Organisations);
                    }
                },
            );
        })
    };
    let fields = match fields {
        Load::Ready(f, _) => f,
        _ => Rc::new(Vec::new()),
    };
    let text = |v: &Option<String>| v.clone().unwrap_or_else(|| t.none.into());
    // Only staff configure how a provider signs; any organisation may provide a course, but the
    // card is offered where it matters.
    let staff = matches!(
        session.as_ref().map(|s| s.account.role),
        Some(Role::Admin | Role::Staff)
    );
    let provider = org.kind == OrganisationKind::EducationProvider
        || org.roles.contains(&ProgrammeRole::EducationProvider);
    html! {
        <>
            <p><Link<Route> to={Route::Organisations}>{ "← " }{ t.org_title }</Link<Route>></p>
            <h1>{ &org.name }</h1>
            if let Some(f) = &*failure {
                <ErrorNotice failure={f.clone()} />
            }
            <div class="card">
                <dl class="facts">
                    <dt>{ t.org_kind }</dt><dd>{ org.kind.label(lang) }</dd>
                    <dt>{ t.org_address }</dt><dd>{ text(&org.address.street) }<br/>{ format!("{} {}", org.address.postal_code.clone().unwrap_or_default(), org.address.city.clone().unwrap_or_default()) }</dd>
                    <dt>{ t.org_municipality }</dt><dd>{ match &org.municipality { Some(m) => html! { <MunicipalityName ags={m.ags.to_string()} /> }, None => html! { t.none } } }</dd>
                    <dt>{ t.org_contact }</dt><dd>{ text(&org.contact.name) }
                        if let Some(email) = &org.contact.email { <br/><a href={format!("mailto:{email}")}>{ email }</a> }
                        if let Some(phone) = &org.contact.phone { <br/>{ phone } }
                    </dd>
                    <dt>{ t.org_website }</dt><dd>{ match &org.website { Some(w) => html! { <a href={w.clone()} rel="noopener noreferrer">{ w }</a> }, None => html! { t.none } } }</dd>
                    <dt>{ t.org_fields }</dt><dd>{ for org.fields.iter().filter_map(|id| fields.iter().find(|f| f.id == *id)).map(|f| html! { <span class="tag">{ field_name(f, lang) }</span> }) }</dd>
                    <dt>{ t.org_roles }</dt><dd>{ for org.roles.iter().map(|r| html! { <span class="tag">{ r.label(lang) }</span> }) }</dd>
                </dl>
            </div>
            if session.is_some() {
                <div class="actions">
                    <Link<Route> to={Route::EditOrganisation { id: org.id }} classes="button primary">{ t.edit }</Link<Route>>
                    <button class="danger" onclick={on_delete}>{ t.delete }</button>
                </div>
            }
            if staff && provider {
                <CertificateProfileCard organisation={org.id} />
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct ProfileProps {
    organisation: i64,
}

/// How an education provider signs its certificates: the signatory's name and role, the logo.
#[function_component]
fn CertificateProfileCard(props: &ProfileProps) -> Html {
    let t = use_texts();
    let id = props.organisation;
    let (loaded, reload) = use_get(services::organisations::certificate_profile(id));
    // The profile as last read or saved; every change answers with the new version.
    let current = use_state(|| None::<Rc<CertificateProfile>>);
    let form = use_reducer(Form::<CertificateProfileInput>::default);
    let actions = use_actions();
    let saved = use_state(|| false);
    {
        let (current, form) = (current.clone(), form.clone());
        let ready = match &loaded {
            Load::Ready(profile, _) => Some(profile.clone()),
            _ => None,
        };
        use_effect_with(ready, move |ready| {
            if let Some(profile) = ready {
                let input = CertificateProfileInput {
                    signatory_name: profile.signatory_name.clone(),
                    signatory_role: profile.signatory_role.clone(),
                };
                form.dispatch(Edit(Rc::new(move |d| *d = input.clone())));
                current.set(Some(profile.clone()));
            }
        });
    }
    let profile = match (&*current, loaded) {
        (Some(profile), _) => profile.clone(),
        (None, Load::Failed(f)) => {
            return html! { <FailureNotice failure={f} retry={Some(reload)} /> }
        }
        (None, _) => return html! { <Loading /> },
    };
    let answered = {
        let (current, saved) = (current.clone(), saved.clone());
        move |profile: CertificateProfile| {
            current.set(Some(Rc::new(profile)));
            saved.set(true);
        }
    };
    let onsubmit = {
        let (form, actions, answered) = (form.clone(), actions.clone(), answered.clone());
        let version = profile.version;
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let change = services::organisations::update_certificate_profile(id, version, &form.0);
            actions.run(change, answered.clone());
        })
    };
    let on_file = {
        let (actions, answered) = (actions.clone(), answered.clone());
        let version = profile.version;
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<web_sys::HtmlInputElement>();
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                actions.run(
                    services::organisations::upload_logo(id, version, file),
                    answered.clone(),
                );
            }
            input.set_value("");
        })
    };
    let on_remove = {
        let (actions, answered) = (actions.clone(), answered.clone());
        let version = profile.version;
        Callback::from(move |_| {
            actions.run(
                services::organisations::remove_logo(id, version),
                answered.clone(),
            )
        })
    };
    let preview = use_image(services::organisations::logo(id), profile.version);
    let f = (*actions.failure).clone();
    html! {
        <section class="card" aria-labelledby="certificate-profile">
            <h2 id="certificate-profile">{ t.org_certificates }</h2>
            <p class="muted">{ t.org_certificates_hint }</p>
            if let Some(f) = &f {
                <ErrorNotice failure={f.clone()} />
            }
            if *saved && f.is_none() {
                <div class="notice ok" role="status">{ t.saved }</div>
            }
            <form {onsubmit} novalidate=true>
                <div class="row3">
                    <TextField name="signatory_name" label={t.org_signatory_name} value={form.0.signatory_name.clone().unwrap_or_default()} oninput={on_input(&form, |d, v| d.signatory_name = Some(v))} failure={f.clone()} />
                    <TextField name="signatory_role" label={t.org_signatory_role} value={form.0.signatory_role.clone().unwrap_or_default()} oninput={on_input(&form, |d, v| d.signatory_role = Some(v))} failure={f.clone()} />
                </div>
                <div class="actions">
                    <button type="submit" class="primary" disabled={*actions.busy}>{ t.save }</button>
                </div>
            </form>
            <h3>{ t.org_logo }</h3>
            { match (&profile.logo_media_type, preview) {
                (Some(_), Some(url)) => html! { <img class="logo-preview" src={url} alt={t.org_logo_alt} /> },
                (Some(_), None) => html! { <Loading /> },
                (None, _) => html! { <p>{ t.org_logo_none }</p> },
            } }
            <div class="field">
                <label for="logo-file">{ t.org_logo_upload }{ " " }<span class="muted">{ format!("({})", t.org_logo_hint) }</span></label>
                <input id="logo-file" type="file" accept="image/png,image/svg+xml" onchange={on_file} disabled={*actions.busy} />
            </div>
            if profile.logo_media_type.is_some() {
                <div class="actions">
                    <button type="button" class="danger" onclick={on_remove} disabled={*actions.busy}>{ t.org_logo_remove }</button>
                </div>
            }
        </section>
    }
}

/// Form state: the input, and whether the record to edit has been filled in.
#[derive(Clone, PartialEq, Default)]
struct Draft {
    input: OrganisationInput,
    loaded: bool,
}

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub id: Option<i64>,
}

#[function_component]
pub fn OrganisationEditor(props: &EditorProps) -> Html {
    let t = use_texts();
    let lang = use_lang();
    let session = use_session();
    let navigator = use_navigator();
    let form = use_reducer(|| {
        Form(Draft {
            input: OrganisationInput {
                address: Address::default(),
                contact: Contact::default(),
                ..Default::default()
            },
            ..Default::default()
        })
    });
    let actions = use_actions();
    let (failure, busy) = (actions.failure.clone(), actions.busy.clone());
    let etag = use_state(|| None::<String>);
    let (existing, _) = use_maybe_get(props.id.map(services::organisations::get));
    {
        // Fill the form once the record to edit has arrived.
        let (form, etag_state) = (form.clone(), etag.clone());
        let is_edit = props.id.is_some();
        use_effect_with(matches!(existing, Load::Ready(..)), move |ready| {
            if *ready && is_edit && !form.0.loaded {
                if let Load::Ready(org, tag) = existing {
                    let input = OrganisationInput::from(&*org);
                    form.dispatch(Edit(Rc::new(move |d: &mut Draft| {
                        d.input = input.clone();
                        d.loaded = true;
                    })));
                    etag_state.set(tag);
                }
            }
        });
    }
    let (fields, _) = use_get(services::reference::fields(false));

    if session.is_none() {
        return html! { <div class="notice">{ t.session_expired }{ " " }<Link<Route> to={Route::Login}>{ t.sign_in }</Link<Route>></div> };
    }

    let onsubmit = {
        let (form, actions, etag) = (form.clone(), actions.clone(), etag.clone());
        let id = props.id;
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let organisation = form.0.input.clone();
            let change = match id {
                Some(id) => services::organisations::update(id, (*etag).clone(), &organisation),
                None => services::organisations::create(&organisation),
            };
            let navigator = navigator.clone();
            actions.run(change, move |saved: Organisation| {
                if let Some(n) = navigator {
                    n.push(&Route::Organisation { id: saved.id });
                }
            });
        })
    };
    let f = (*failure).clone();
    let input = &form.0.input;
    let toggle_field = |id: i64| {
        let form = form.clone();
        Callback::from(move |_| {
            form.dispatch(Edit(Rc::new(move |d: &mut Draft| {
                if let Some(pos) = d.input.fields.iter().position(|f| *f == id) {
                    d.input.fields.remove(pos);
                } else {
                    d.input.fields.push(id);
                }
            })))
        })
    };
    let toggle_role = |role: ProgrammeRole| {
        let form = form.clone();
        Callback::from(move |_| {
            form.dispatch(Edit(Rc::new(move |d: &mut Draft| {
                if let Some(pos) = d.input.roles.iter().position(|r| *r == role) {
                    d.input.roles.remove(pos);
                } else {
                    d.input.roles.push(role);
                }
            })))
        })
    };
    let error_of = |name: &str| f.as_ref().and_then(|f| f.field(name, lang));
    html! {
        <>
            <h1>{ if props.id.is_some() { t.org_edit } else { t.org_new } }</h1>
            if let Some(f) = &f {
                <ErrorNotice failure={f.clone()} />
            }
            <form class="card" {onsubmit} novalidate=true>
                <div class="row2">
                    <label class="field" for="kind"><span>{ t.org_kind }{ " *" }</span>
                        <select id="kind" name="kind" onchange={on_select(&form, |d, v| if let Some(k) = OrganisationKind::from_code(&v) { d.input.kind = k; })}>
                            { for OrganisationKind::ALL.iter().map(|k| html! { <option value={k.code()} selected={input.kind == *k}>{ k.label(lang) }</option> }) }
                        </select>
                    </label>
                    <TextField name="name" label={t.org_name} required=true value={input.name.clone()} oninput={on_input(&form, |d, v| d.input.name = v)} failure={f.clone()} />
                </div>
                <fieldset><legend>{ t.org_address }</legend>
                    <div class="row3">
                        <TextField name="address.street" label={t.org_street} value={input.address.street.clone().unwrap_or_default()} oninput={on_input(&form, |d, v| d.input.address.street = Some(v))} failure={f.clone()} autocomplete={Some(AttrValue::Static("street-address"))} />
                        <TextField name="address.postal_code" label={t.org_postal_code} value={input.address.postal_code.clone().unwrap_or_default()} oninput={on_input(&form, |d, v| d.input.address.postal_code = Some(v))} failure={f.clone()} autocomplete={Some(AttrValue::Static("postal-code"))} />
                        <TextField name="address.city" label={t.org_city} value={input.address.city.clone().unwrap_or_default()} oninput={on_input(&form, |d, v| d.input.address.city = Some(v))} failure={f.clone()} autocomplete={Some(AttrValue::Static("address-level2"))} />
                    </div>
                    <MunicipalityPicker id="municipality" label={t.org_municipality} value={input.municipality.clone()} error={error_of("municipality")}
                        onchange={{ let form = form.clone(); Callback::from(move |ags: Option<String>| form.dispatch(Edit(Rc::new(move |d: &mut Draft| d.input.municipality = ags.clone())))) }} />
                </fieldset>
                <fieldset><legend>{ t.org_contact }</legend>
                    <div class="row3">
                        <TextField name="contact.name" label={t.org_contact_name} value={input.contact.name.clone().unwrap_or_default()} oninput={on_input(&form, |d, v| d.input.contact.name = Some(v))} failure={f.clone()} />
                        <TextField name="contact.email" label={t.email} kind="email" value={input.contact.email.clone().unwrap_or_default()} oninput={on_input(&form, |d, v| d.input.contact.email = Some(v))} failure={f.clone()} />
                        <TextField name="contact.phone" label={t.org_phone} kind="tel" value={input.contact.phone.clone().unwrap_or_default()} oninput={on_input(&form, |d, v| d.input.contact.phone = Some(v))} failure={f.clone()} />
                    </div>
                    <TextField name="website" label={t.org_website} kind="url" value={input.website.clone().unwrap_or_default()} oninput={on_input(&form, |d, v| d.input.website = Some(v))} failure={f.clone()} />
                </fieldset>
                <fieldset><legend>{ t.org_fields }</legend>
                    <div class="checks">
                        { match &fields { Load::Ready(fs, _) => fs.iter().map(|field| html! {
                            <label><input type="checkbox" checked={input.fields.contains(&field.id)} onchange={toggle_field(field.id)} />{ field_name(field, lang) }</label>
                        }).collect::<Html>(), Load::Loading => html! { <Loading /> }, Load::Failed(f) => html! { <FailureNotice failure={f.clone()} /> } } }
                    </div>
                    if let Some(message) = error_of("fields") { <div class="error-text">{ message }</div> }
                </fieldset>
                <fieldset><legend>{ t.org_roles }</legend>
                    <div class="checks">
                        { for ProgrammeRole::ALL.iter().map(|r| html! {
                            <label><input type="checkbox" checked={input.roles.contains(r)} onchange={toggle_role(*r)} />{ r.label(lang) }</label>
                        }) }
                    </div>
                </fieldset>
                <div class="actions">
                    <button class="primary" type="submit" disabled={*busy}>{ if *busy { t.saving } else { t.save } }</button>
                    <Link<Route> to={props.id.map(|id| Route::Organisation { id }).unwrap_or(Route::Organisations)} classes="button">{ t.cancel }</Link<Route>>
                </div>
            </form>
        </>
    }
}
