//! UI texts, German first, English switchable. One struct, so a missing text fails to compile.

use yew::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Lang {
    De,
    En,
}

macro_rules! texts {
    ($($key:ident: $de:expr, $en:expr;)+) => {
        pub struct Texts { $(pub $key: &'static str,)+ }
        pub const DE: Texts = Texts { $($key: $de,)+ };
        pub const EN: Texts = Texts { $($key: $en,)+ };
    };
}

texts! {
    app_subtitle: "Mentorat für Bürgerengagement", "Civic engagement mentoring";
    skip_to_content: "Zum Inhalt springen", "Skip to content";
    nav_home: "Übersicht", "Overview";
    nav_organisations: "Organisationen", "Organisations";
    nav_fields: "Einsatzfelder", "Fields of activity";
    nav_districts: "Kreise und Gemeinden", "Districts and municipalities";
    nav_api: "API", "API";
    sign_in: "Anmelden", "Sign in";
    sign_out: "Abmelden", "Sign out";
    signed_in_as: "Angemeldet als", "Signed in as";
    switch_lang: "English", "Deutsch";
    switch_lang_label: "Switch to English", "Auf Deutsch umschalten";
    email: "E-Mail-Adresse", "E-mail address";
    password: "Passwort", "Password";
    login_title: "Anmeldung für Mitarbeitende", "Staff sign-in";
    login_failed: "E-Mail-Adresse oder Passwort ist falsch.", "Wrong e-mail address or password.";
    session_expired: "Ihre Anmeldung ist abgelaufen. Bitte melden Sie sich erneut an.", "Your session has expired. Please sign in again.";
    loading: "Wird geladen …", "Loading …";
    load_failed: "Die Daten konnten nicht geladen werden", "The data could not be loaded";
    retry: "Erneut versuchen", "Try again";
    save: "Speichern", "Save";
    saving: "Wird gespeichert …", "Saving …";
    cancel: "Abbrechen", "Cancel";
    edit: "Bearbeiten", "Edit";
    delete: "Löschen", "Delete";
    search: "Suche", "Search";
    all: "Alle", "All";
    none: "—", "—";
    previous: "Zurück", "Previous";
    next: "Weiter", "Next";
    of: "von", "of";
    form_has_errors: "Bitte prüfen Sie die markierten Angaben.", "Please check the marked fields.";
    saved: "Gespeichert.", "Saved.";
    conflict: "Der Datensatz wurde inzwischen von jemand anderem geändert. Bitte neu laden.", "Someone else changed this record in the meantime. Please reload.";
    home_title: "Mentorat für Bürgerengagement", "Civic engagement mentoring";
    home_intro: "Bürgermentorinnen und Bürgermentoren bringen Vereine, Schulen, Unternehmen und Verwaltung in ihrer Gemeinde zusammen. Hier plant der Bildungsträger Kurse und pflegt Mentorinnen, Trainer, Einsatzfelder und Partnerorganisationen.", "Civic mentors connect associations, schools, companies and administrations in their municipality. Here the education provider plans courses and keeps mentors, trainers, fields of activity and partner organisations.";
    home_orgs: "Partnerorganisationen", "Partner organisations";
    home_fields: "Einsatzfelder", "Fields of activity";
    home_municipalities: "Gemeinden erfasst", "Municipalities on record";
    org_title: "Partnerorganisationen", "Partner organisations";
    org_new: "Neue Organisation", "New organisation";
    org_edit: "Organisation bearbeiten", "Edit organisation";
    org_empty: "Keine Organisationen gefunden.", "No organisations found.";
    org_kind: "Art", "Kind";
    org_name: "Name", "Name";
    org_address: "Anschrift", "Address";
    org_street: "Straße und Hausnummer", "Street and number";
    org_postal_code: "PLZ", "Postcode";
    org_city: "Ort", "Town";
    org_municipality: "Gemeinde", "Municipality";
    org_district: "Kreis", "District";
    org_contact: "Ansprechperson", "Contact";
    org_contact_name: "Name der Ansprechperson", "Contact name";
    org_phone: "Telefon", "Phone";
    org_website: "Website", "Web site";
    org_fields: "Einsatzfelder", "Fields of activity";
    org_roles: "Rolle im Programm", "Role in the programme";
    org_delete_confirm: "Diese Organisation wirklich löschen?", "Really delete this organisation?";
    org_search_hint: "Name, Ort oder Ansprechperson", "Name, town or contact";
    org_choose_district: "Erst Kreis wählen", "Choose a district first";
    org_no_municipality: "keine Angabe", "not given";
    fields_title: "Einsatzfelder", "Fields of activity";
    fields_intro: "Die zehn Einsatzfelder des Programms; Mitarbeitende können Felder ergänzen, umbenennen und außer Gebrauch nehmen.", "The programme's ten fields of activity; staff can add, rename and retire fields.";
    field_name_de: "Name (deutsch)", "Name (German)";
    field_name_en: "Name (englisch)", "Name (English)";
    field_retired: "außer Gebrauch", "retired";
    field_add: "Einsatzfeld hinzufügen", "Add field of activity";
    field_show_retired: "Außer Gebrauch genommene anzeigen", "Show retired fields";
    field_retire: "Außer Gebrauch nehmen", "Retire";
    field_reactivate: "Wieder verwenden", "Reactivate";
    field_delete_confirm: "Dieses Einsatzfeld löschen? Das geht nur, solange kein Datensatz es verwendet.", "Delete this field of activity? Only possible while no record uses it.";
    deleted: "Gelöscht.", "Deleted.";
    districts_title: "Kreise und Gemeinden", "Districts and municipalities";
    districts_intro: "Die 44 Stadt- und Landkreise Baden-Württembergs mit ihren Gemeinden (aus dem amtlichen Gemeindeverzeichnis).", "The 44 urban and rural districts of Baden-Württemberg with their municipalities (from the official directory).";
    district_key: "Schlüssel", "Key";
    district_region: "Regierungsbezirk", "Government region";
    district_kind: "Art", "Kind";
    district_count: "Gemeinden", "Municipalities";
    landkreis: "Landkreis", "Rural district";
    stadtkreis: "Stadtkreis", "Urban district";
    municipalities_of: "Gemeinden im Kreis", "Municipalities in the district";
    municipalities_empty: "Für diesen Kreis sind noch keine Gemeinden importiert (mentorat import-municipalities).", "No municipalities imported for this district yet (mentorat import-municipalities).";
    ags: "AGS", "AGS";
    population: "Einwohner", "Population";
    not_found: "Diese Seite gibt es nicht.", "This page does not exist.";
    footer: "Mentorat · Programm „Mentorat für Bürgerengagement“ in Baden-Württemberg", "Mentorat · programme \"Mentorat für Bürgerengagement\" in Baden-Württemberg";
}

const LANG_KEY: &str = "mentorat.lang";

/// The language chosen earlier in this browser; German by default.
pub fn stored_lang() -> Lang {
    use gloo_storage::{LocalStorage, Storage};
    match LocalStorage::get::<String>(LANG_KEY).as_deref() {
        Ok("en") => Lang::En,
        _ => Lang::De,
    }
}

/// Remembers the choice and tells assistive technology the page language.
pub fn apply_lang(lang: Lang) {
    use gloo_storage::{LocalStorage, Storage};
    let code = if lang == Lang::De { "de" } else { "en" };
    let _ = LocalStorage::set(LANG_KEY, code);
    if let Some(html) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = html.set_attribute("lang", code);
    }
}

pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::De => &DE,
        Lang::En => &EN,
    }
}

/// The texts of the language the user chose.
#[hook]
pub fn use_texts() -> &'static Texts {
    let lang = use_context::<UseStateHandle<Lang>>().map(|l| *l).unwrap_or(Lang::De);
    texts(lang)
}

#[hook]
pub fn use_lang() -> Lang {
    use_context::<UseStateHandle<Lang>>().map(|l| *l).unwrap_or(Lang::De)
}
