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
    nav_people: "Mentoren & Trainer", "Mentors & trainers";
    nav_coverage: "Abdeckung", "Coverage";
    nav_public: "Öffentliche Liste", "Public listing";
    people_title: "Mentorinnen, Mentoren und Trainer", "Mentors and trainers";
    people_new: "Neue Person", "New person";
    people_edit: "Person bearbeiten", "Edit person";
    people_empty: "Keine Personen gefunden.", "No people found.";
    people_sign_in: "Personendaten sind nur für angemeldete Mitarbeitende sichtbar.", "Personal data is visible to signed-in staff only.";
    people_search_hint: "Name, E-Mail oder Ort", "Name, e-mail or town";
    given_name: "Vorname", "Given name";
    family_name: "Nachname", "Family name";
    residence: "Wohnort (Gemeinde)", "Municipality of residence";
    languages: "Sprachen", "Languages";
    languages_hint: "ISO-Codes, durch Komma getrennt, z. B. de, tr, en", "ISO codes separated by commas, e.g. de, tr, en";
    role: "Rolle", "Role";
    role_mentor: "Mentor/in", "Mentor";
    role_trainer: "Trainer/in", "Trainer";
    is_mentor: "Ist Bürgermentor/in", "Is a civic mentor";
    is_trainer: "Ist Mentorentrainer/in", "Is a mentor trainer";
    status: "Status", "Status";
    status_since: "seit", "since";
    status_history: "Statusverlauf", "Status history";
    active_in: "Aktiv in (Gemeinden)", "Active in (municipalities)";
    add: "Hinzufügen", "Add";
    remove: "Entfernen", "Remove";
    activity_profile: "Aktivitätsprofil", "Activity profile";
    target_groups: "Zielgruppen", "Target groups";
    themes: "Themen", "Themes";
    comma_hint: "durch Komma getrennt", "separated by commas";
    availability: "Verfügbarkeit", "Availability";
    trainer_kind: "Art", "Kind";
    qualified_since: "Qualifiziert seit", "Qualified since";
    tandem_partner: "Tandempartner/in", "Tandem partner";
    tandem_none: "kein Tandem", "no tandem";
    consent: "Einwilligung zur Veröffentlichung", "Publication consent";
    consent_change: "Einwilligung ändern", "Change consent";
    consent_confirm: "Die Erklärung der Person liegt vor (Textfassung 2026-11).", "The person's declaration is on file (text version 2026-11).";
    consent_save: "Einwilligung speichern", "Save consent";
    consent_history: "Verlauf der Einwilligung", "Consent history";
    consent_listed: "Erscheint in der öffentlichen Liste.", "Appears in the public listing.";
    consent_not_listed: "Erscheint nicht in der öffentlichen Liste.", "Does not appear in the public listing.";
    recorded_at: "erfasst am", "recorded on";
    text_version: "Textfassung", "Text version";
    duplicates_found: "Möglicherweise gibt es diese Person schon:", "This person may already exist:";
    duplicate_email: "gleiche E-Mail-Adresse", "same e-mail address";
    duplicate_name: "gleicher Name in derselben Gemeinde", "same name in the same municipality";
    create_anyway: "Trotzdem neu anlegen", "Create anyway";
    merge_title: "Dublette zusammenführen", "Merge duplicate";
    merge_hint: "Nummer des doppelten Datensatzes; seine Verknüpfungen werden übernommen, danach wird er gelöscht.", "Number of the duplicate record; its links are taken over, then it is deleted.";
    merge: "Zusammenführen", "Merge";
    merge_confirm: "Den anderen Datensatz in diesen übernehmen und löschen?", "Take over the other record into this one and delete it?";
    person_delete_confirm: "Diese Person wirklich löschen?", "Really delete this person?";
    coverage_title: "Abdeckung in Baden-Württemberg", "Coverage in Baden-Württemberg";
    coverage_intro: "Aktive Mentorinnen und Mentoren je Stadt- und Landkreis. Ziel des Programms: eine Mentorin oder ein Mentor in jeder Gemeinde.", "Active mentors per district. The programme's aim: a mentor in every municipality.";
    coverage_mentors: "aktive Mentor/innen", "active mentors";
    coverage_municipalities_covered: "Gemeinden mit Mentor/in", "municipalities with a mentor";
    coverage_white_spots: "Weiße Flecken (Gemeinden ohne Mentor/in)", "White spots (municipalities without a mentor)";
    coverage_fields: "abgedeckte Einsatzfelder", "fields covered";
    coverage_choose: "Kreis in der Karte wählen, um die Gemeinden zu sehen.", "Choose a district on the map to see its municipalities.";
    coverage_legend: "Legende", "Legend";
    public_title: "Öffentliche Mentorenliste – Vorschau", "Public mentor listing – preview";
    public_intro: "So sehen Gemeinden und ihre Websites die Liste: nur Mentorinnen und Mentoren mit Einwilligung und nur die freigegebenen Angaben.", "This is how municipalities and their web sites see the listing: only mentors who consented, and only the released details.";
    public_empty: "Hier gibt es noch keine veröffentlichten Mentorinnen oder Mentoren.", "No published mentors here yet.";
    public_csv: "Als CSV herunterladen", "Download as CSV";
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
