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
    nav_api_docs: "API-Dokumentation", "API documentation";
    nav_label: "Hauptnavigation", "Main navigation";
    nav_menu: "Menü", "Menu";
    nav_course_list: "Kursübersicht", "All courses";
    nav_network: "Netzwerk", "Network";
    nav_state: "Landesweit", "State-wide";
    sign_in: "Anmelden", "Sign in";
    sign_out: "Abmelden", "Sign out";
    signed_in_as: "Angemeldet als", "Signed in as";
    switch_lang: "English", "Deutsch";
    switch_lang_label: "Switch to English", "Auf Deutsch umschalten";
    email: "E-Mail-Adresse", "E-mail address";
    password: "Passwort", "Password";
    login_title: "Anmeldung für Mitarbeitende", "Staff sign-in";
    session_expired: "Ihre Anmeldung ist abgelaufen. Bitte melden Sie sich erneut an.", "Your session has expired. Please sign in again.";
    loading: "Wird geladen …", "Loading …";
    scroll_hint: "Tabelle seitlich verschieben ⇆", "Scroll the table sideways ⇆";
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
    org_certificates: "Zertifikate dieses Bildungsträgers", "This provider's certificates";
    org_certificates_hint: "Name und Funktion stehen unter der Unterschriftslinie, das Logo oben auf jedem Zertifikat der Kurse dieses Trägers.", "Name and role appear under the signature line, the logo at the top of every certificate of this provider's courses.";
    org_signatory_name: "Unterzeichnet von", "Signed by";
    org_signatory_role: "Funktion", "Role";
    org_logo: "Logo", "Logo";
    org_logo_hint: "PNG oder SVG, höchstens 512 KB", "PNG or SVG, at most 512 KB";
    org_logo_upload: "Logo hochladen", "Upload a logo";
    org_logo_none: "Noch kein Logo hochgeladen.", "No logo uploaded yet.";
    org_logo_alt: "Logo des Bildungsträgers", "Logo of the education provider";
    org_logo_remove: "Logo entfernen", "Remove logo";
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
    nav_people: "Personen", "People";
    nav_coverage: "Abdeckung", "Coverage";
    nav_reports: "Berichte", "Reports";
    accompaniment_title: "Begleitjahr", "Accompaniment year";
    accompaniment_period: "Die Trainerinnen und Trainer begleiten die neuen Mentorinnen und Mentoren", "The trainers accompany the new mentors";
    accompaniment_empty: "Noch keine Begleittreffen erfasst.", "No accompaniment meetings recorded yet.";
    accompaniment_add: "Begleittreffen erfassen", "Record a meeting";
    accompaniment_date: "Datum", "Date";
    accompaniment_place: "Ort", "Place";
    accompaniment_topic: "Thema", "Topic";
    accompaniment_attendees: "Teilgenommen haben", "Attended";
    accompaniment_attended: "Begleittreffen", "Accompaniment meetings";
    reports_title: "Berichte", "Reports";
    reports_intro: "Die Zahlen des Programms für das Ministerium und den Förderer: Kurse, Teilnehmende, Stunden, Zertifikate, Mentorinnen und Mentoren und die Gemeinden, in denen sie aktiv sind. Ein Kurs zählt in dem Zeitraum, in dem sein erster Termin liegt.", "The programme's figures for the ministry and the funder: courses, participants, hours, certificates, mentors and the municipalities they are active in. A course counts in the period of its first session.";
    report_year: "Jahr", "Year";
    report_quarter: "Quartal", "Quarter";
    report_whole_year: "ganzes Jahr", "whole year";
    report_csv: "Als CSV herunterladen", "Download as CSV";
    report_xlsx: "Als Excel-Datei herunterladen", "Download as Excel file";
    report_pdf: "Bericht als PDF", "Report as PDF";
    report_planned: "Kurse geplant", "Courses planned";
    report_held: "Kurse durchgeführt", "Courses held";
    report_cancelled: "Kurse abgesagt", "Courses cancelled";
    report_started: "Teilnehmende begonnen", "Participants started";
    report_completed: "abgeschlossen", "completed";
    report_certified: "zertifiziert", "certified";
    report_dropped_out: "abgebrochen", "dropped out";
    report_hours: "Stunden", "Hours";
    report_tandems: "Tandems ausgebildet", "Tandems trained";
    report_mentors_new: "Mentorinnen und Mentoren neu", "New mentors";
    report_mentors_active: "Mentorinnen und Mentoren aktiv", "Active mentors";
    report_municipalities: "Gemeinden mit Mentorin oder Mentor", "Municipalities with a mentor";
    report_previous: "Vorperiode", "previous period";
    report_counted_at: "Mentorenzahlen: Stand", "Mentor figures as of";
    report_total: "Baden-Württemberg gesamt", "Baden-Württemberg total";
    report_by_district: "Nach Kreisen", "By district";
    report_by_kind: "Nach Kursart", "By course kind";
    report_by_field: "Nach Einsatzfeldern", "By field of activity";
    report_kind: "Kursart", "Course kind";
    report_trainer_course: "Trainerkurs", "Trainer course";
    report_trainers: "Tandem", "Tandem";
    report_local_course: "Lokaler Mentorenkurs", "Local mentor course";
    report_chart_held: "Durchgeführte Kurse je Kreis", "Courses held per district";
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
    languages_chosen: "Gewählte Sprachen", "Chosen languages";
    language_remove: "{language} entfernen", "Remove {language}";
    language_search: "Sprache suchen, z. B. Türkisch", "Find a language, e.g. Turkish";
    language_hint: "Namen tippen, dann aus der Liste wählen oder mit der Eingabetaste übernehmen.", "Type a name, then pick it from the list or press Enter.";
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
    date_format: "TT.MM.JJJJ", "DD.MM.YYYY";
    public_name: "Name", "Name";
    public_found: "Einträge", "entries";
    public_no_name: "Niemand mit diesem Namen ist hier veröffentlicht. Ein Teil des Namens genügt, Umlaute und Akzente sind gleichgültig.", "No one by that name is published here. Part of the name is enough; umlauts and accents do not matter.";
    picker_matches: "Treffer, mit der Tabulatortaste erreichbar", "matches, reached with the Tab key";
    time_format: "HH:MM", "HH:MM";
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
    coverage_as_table: "Karte als Tabelle", "The map as a table";
    coverage_show_municipalities: "Gemeinden zeigen", "Show municipalities";
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
    public_embed: "Auf der eigenen Website einbinden", "Embed on your own web site";
    nav_courses: "Kurse", "Courses";
    course_title: "Kurse", "Courses";
    course_new: "Neuer Kurs", "New course";
    course_edit: "Kurs bearbeiten", "Edit course";
    course_empty: "Keine Kurse gefunden.", "No courses found.";
    course_kind: "Kursart", "Kind of course";
    course_status: "Status", "Status";
    course_year: "Jahr", "Year";
    course_name: "Titel", "Title";
    course_description: "Beschreibung", "Description";
    course_venue: "Veranstaltungsort", "Venue";
    course_venue_name: "Name des Orts", "Name of the venue";
    course_venue_address: "Adresse", "Address";
    course_venue_org: "Partnerorganisation als Ort", "Partner organisation as venue";
    course_provider: "Bildungsträger", "Education provider";
    course_commissioning: "Auftraggeber", "Commissioning body";
    course_funder: "Förderer", "Funder";
    course_trainers: "Trainer-Tandem", "Trainer tandem";
    course_trainers_hint: "Höchstens zwei; einen Mentorenkurs leiten nur qualifizierte Trainer.", "At most two; only qualified trainers lead a mentor course.";
    course_topics: "Themen des Curriculums", "Curriculum topics";
    course_topics_hint: "Ein Thema je Zeile", "One topic per line";
    course_required_hours: "Erforderliche Stunden", "Required hours";
    course_capacity: "Plätze", "Places";
    course_deadline: "Anmeldeschluss", "Registration deadline";
    course_dates: "Termine", "Dates";
    course_hours_planned: "geplant", "planned";
    course_organisations: "Beteiligte Organisationen", "Organisations involved";
    course_places_taken: "Plätze belegt", "places taken";
    course_change_status: "Status ändern:", "Change status:";
    course_calendar_file: "Termine als Kalenderdatei (.ics)", "Dates as calendar file (.ics)";
    course_open_calendar_file: "Alle offenen Kurse als Kalenderdatei (.ics)", "All open courses as calendar file (.ics)";
    course_back: "Alle Kurse", "All courses";
    course_completion_reason: "Grund für den Abschluss trotz ungewöhnlichen Zeitraums", "Reason for completing despite the unusual period";
    course_complete_anyway: "Mit diesem Grund abschließen", "Complete with this reason";
    course_completed_on: "Abgeschlossen am", "Completed on";
    session_date: "Datum", "Date";
    session_start: "Beginn", "Start";
    session_end: "Ende", "End";
    session_topic: "Thema", "Topic";
    session_room: "Raum/Ort (falls abweichend)", "Room/venue (if different)";
    session_hours: "Stunden", "Hours";
    name: "Name", "Name";
    session_open_hint: "Ohne Datum steht der Termin als „mit den Teilnehmenden abzustimmen“ im Plan.", "Without a date the session is listed as \"to be fixed with the participants\".";
    session_open: "mit den Teilnehmenden abzustimmen", "to be fixed with the participants";
    session_open_public: "Termin wird mit den Teilnehmenden abgestimmt", "Date to be agreed with the participants";
    nav_course_finder: "Kurs finden", "Find a course";
    home_find_course: "Mentorin oder Mentor werden: offene Kurse finden", "Become a mentor: find an open course";
    finder_title: "Kurs finden", "Find a course";
    finder_intro: "Kurse des Mentorats für Bürgerengagement, für die Sie sich jetzt anmelden können: Mentorenkurse für Bürgerinnen und Bürger in ihrer Gemeinde und Mentorentrainerkurse für Tandems, die solche Kurse leiten werden.", "Courses of the civic engagement mentoring programme open for registration now: mentor courses for citizens in their municipality, and trainer courses for the tandems who will lead them.";
    finder_month: "Monat", "Month";
    finder_any_month: "alle Monate", "any month";
    finder_found: "Kurse offen zur Anmeldung", "courses open for registration";
    finder_found_one: "Kurs offen zur Anmeldung", "course open for registration";
    finder_empty: "Zurzeit ist kein Kurs mit dieser Auswahl zur Anmeldung offen. Wählen Sie einen anderen Kreis oder Monat oder fragen Sie Ihre Gemeinde.", "No course matching this choice is open for registration at present. Choose another district or month, or ask your municipality.";
    finder_place_free: "Platz frei", "place free";
    finder_places_free: "Plätze frei", "places free";
    finder_full: "ausgebucht – Anmeldung auf die Warteliste", "fully booked – registrations join the waiting list";
    finder_contact: "Ansprechperson", "Contact";
    finder_details: "Details und Anmeldung", "Details and registration";
    finder_back: "Alle offenen Kurse", "All open courses";
    finder_hours: "Umfang", "Length";
    finder_what: "Worum es geht", "What the course is about";
    finder_leads_to: "Wozu der Kurs führt", "What it leads to";
    finder_about_mentor: "Im Mentorenkurs lernen Bürgerinnen und Bürger in rund 40 Stunden über etwa drei Monate, Vereine, Schulen, Unternehmen und Verwaltung in ihrer Gemeinde zusammenzubringen und bürgerschaftliches Engagement zu stärken. Geleitet wird er von einem Trainer-Tandem aus einer Fachkraft und einer engagierten Bürgerin oder einem engagierten Bürger.", "In the mentor course, citizens learn over about 40 hours in roughly three months how to bring together associations, schools, companies and the administration of their municipality and strengthen civic engagement. A trainer tandem of a professional and an engaged citizen leads it.";
    finder_leads_mentor: "Wer den Kurs abschließt, erhält ein Zertifikat und wird Mentorin oder Mentor für Bürgerengagement in der eigenen Gemeinde; im ersten Jahr begleitet das Trainer-Tandem die neuen Mentorinnen und Mentoren.", "Those who complete the course receive a certificate and become civic engagement mentors in their own municipality; in the first year the trainer tandem accompanies the new mentors.";
    finder_about_trainer: "Im Mentorentrainerkurs werden Tandems aus einer hauptamtlichen Fachkraft und einer engagierten Bürgerin oder einem engagierten Bürger darauf vorbereitet, Mentorenkurse vor Ort zu leiten.", "The trainer course prepares tandems of a professional and an engaged citizen to lead mentor courses locally.";
    finder_leads_trainer: "Das Tandem erhält ein Zertifikat als Mentorentrainerinnen und -trainer und leitet danach einen Mentorenkurs in seiner Gemeinde.", "The tandem receives a trainer certificate and then leads a mentor course in its municipality.";
    finder_how_to_register: "So melden Sie sich an", "How to register";
    finder_register_text: "Melden Sie sich mit dem Formular an. Sie erhalten eine E-Mail mit einem Bestätigungslink; erst mit der Bestätigung haben Sie einen Platz oder einen Platz auf der Warteliste. Fragen beantwortet die Ansprechperson des Kurses.", "Register with the form. You will receive an e-mail with a confirmation link; only once you confirm do you have a place or a place on the waiting list. The course's contact answers questions.";
    finder_register_tandem: "Zum Mentorentrainerkurs bewerben sich Tandems gemeinsam: eine hauptamtliche Fachkraft und eine engagierte Bürgerin oder ein engagierter Bürger, mit dem Mentorenkurs, den Sie während der Ausbildung in Ihrer Gemeinde leiten möchten. Beide bestätigen die Bewerbung per E-Mail; danach entscheidet der Bildungsträger. Fragen beantwortet die Ansprechperson des Kurses.", "Tandems apply together for the trainer course: a professional and an engaged citizen, with the mentor course you plan to run in your municipality during the training. Both confirm the application by e-mail; then the education provider decides. The course's contact answers questions.";
    tandem_form_title: "Bewerbung als Tandem", "Application as a tandem";
    tandem_professional: "Hauptamtliche Person", "Professional partner";
    tandem_citizen: "Bürgerschaftliche Person", "Citizen partner";
    tandem_employer: "Arbeitgeber der hauptamtlichen Person (freiwillig)", "Employer of the professional partner (optional)";
    tandem_local_course: "Geplanter Mentorenkurs vor Ort", "Planned local mentor course";
    tandem_local_course_hint: "Während der Ausbildung leiten Sie gemeinsam einen Mentorenkurs in Ihrer Gemeinde: etwa 40 Stunden über rund drei Monate.", "During the training you lead a mentor course in your municipality together: about 40 hours over roughly three months.";
    tandem_municipality: "Gemeinde des Kurses", "Municipality of the course";
    tandem_start: "Geplanter Beginn", "Planned start";
    tandem_end: "Geplantes Ende", "Planned end";
    tandem_venue: "Kursort", "Venue";
    tandem_motivation: "Was möchten Sie als Tandem bewegen? (freiwillig)", "What would you like to achieve as a tandem? (optional)";
    tandem_submit: "Bewerbung absenden", "Send application";
    tandem_sent_title: "Fast geschafft: Bitte bestätigen Sie beide die Bewerbung", "Almost done: please both confirm the application";
    tandem_sent_text: "Wir haben jeder Person des Tandems eine E-Mail mit einem eigenen Bestätigungslink geschickt. Die Links gelten 48 Stunden. Sobald Sie beide bestätigt haben, prüft der Bildungsträger die Bewerbung und schreibt Ihnen.", "We have sent each partner an e-mail with their own confirmation link. The links work for 48 hours. Once you have both confirmed, the education provider reviews the application and writes to you.";
    tandem_confirm_title: "Tandembewerbung bestätigen", "Confirm tandem application";
    tandem_confirm_text: "Bestätigen Sie hier Ihre Bewerbung als Trainertandem. Erst wenn Sie beide bestätigt haben, geht sie an den Bildungsträger.", "Confirm your application as a trainer tandem here. Only once you have both confirmed does it go to the education provider.";
    tandem_confirm_button: "Bewerbung jetzt bestätigen", "Confirm application now";
    tandem_confirmed: "Danke, Ihre Bestätigung ist eingegangen.", "Thank you, your confirmation has arrived.";
    tandem_both_confirmed: "Sie haben beide bestätigt. Der Bildungsträger prüft Ihre Bewerbung und schreibt Ihnen beiden.", "You have both confirmed. The education provider reviews your application and writes to you both.";
    tandem_partner_pending: "Es fehlt noch die Bestätigung von", "Still missing: the confirmation of";
    tandems_title: "Tandembewerbungen", "Tandem applications";
    tandems_intro: "Bewerbungen für Mentorentrainerkurse, von beiden Personen bestätigt. Mit der Annahme werden beide als Trainerin oder Trainer in Ausbildung erfasst, als Tandem im Kurs angemeldet, und ihr Mentorenkurs vor Ort wird als Entwurf angelegt. Ist eine Person schon erfasst, wählen Sie den vorhandenen Datensatz.", "Applications for trainer courses, confirmed by both partners. Accepting records both as trainers in training, enrols them as a tandem and creates their local mentor course as a draft. Where a partner is recorded already, choose the existing record.";
    tandems_empty: "Keine Bewerbung wartet auf eine Entscheidung.", "No application waits for a decision.";
    tandems_received: "Eingegangen am", "Received on";
    tandems_record: "Datensatz", "Record";
    tandems_new_record: "Neu anlegen", "Create a new record";
    tandems_existing: "Vorhandene Person:", "Existing person:";
    tandems_period: "Geplanter Zeitraum", "Planned period";
    tandems_reason: "Begründung bei Ablehnung (geht an beide)", "Reason when declining (sent to both)";
    tandems_accept: "Annehmen", "Accept";
    tandems_decline: "Ablehnen", "Decline";
    tandems_accepted: "Angenommen:", "Accepted:";
    tandems_declined: "Abgelehnt:", "Declined:";
    tandems_local_course: "Zum Mentorenkurs (Entwurf)", "To the mentor course (draft)";
    trainer_in_training: "in Ausbildung", "in training";
    trainer_training: "Ausbildung", "Training";
    course_trained_in: "Das Tandem leitet diesen Kurs während seiner Ausbildung im Mentorentrainerkurs", "The tandem leads this course during its training in the trainer course";
    reg_form_title: "Anmeldung", "Registration";
    reg_municipality: "Wohngemeinde", "Municipality you live in";
    reg_phone: "Telefon (freiwillig)", "Phone (optional)";
    reg_motivation: "Was möchten Sie als Mentorin oder Mentor bewegen? (freiwillig)", "What would you like to achieve as a mentor? (optional)";
    reg_language: "Sprache der E-Mails", "Language of the e-mails";
    reg_consent: "Einwilligung", "Consent";
    reg_consent_agree: "Ich stimme zu.", "I agree.";
    reg_robot_field: "Bitte lassen Sie dieses Feld leer.", "Please leave this field empty.";
    reg_required_hint: "Mit * markierte Angaben sind nötig.", "Fields marked * are required.";
    reg_submit: "Anmeldung absenden", "Send registration";
    reg_sent_title: "Fast geschafft: Bitte bestätigen Sie Ihre Anmeldung", "Almost done: please confirm your registration";
    reg_sent_text: "Wir haben Ihnen eine E-Mail mit einem Bestätigungslink geschickt. Der Link gilt 48 Stunden. Erst mit der Bestätigung erhalten Sie einen Platz oder einen Platz auf der Warteliste. Keine E-Mail erhalten? Sehen Sie bitte auch im Spam-Ordner nach.", "We have sent you an e-mail with a confirmation link. The link works for 48 hours. Only once you confirm do you receive a place or a place on the waiting list. No e-mail? Please also look in your spam folder.";
    reg_confirm_title: "Anmeldung bestätigen", "Confirm registration";
    reg_confirm_text: "Bestätigen Sie hier Ihre Anmeldung. Erst dann erhalten Sie einen Platz oder einen Platz auf der Warteliste.", "Confirm your registration here. Only then do you receive a place or a place on the waiting list.";
    reg_confirm_button: "Anmeldung jetzt bestätigen", "Confirm registration now";
    reg_place_confirmed: "Platz bestätigt", "Place confirmed";
    reg_place_text: "Sie haben einen Platz im Kurs", "You have a place in the course";
    reg_waitlist_title: "Warteliste", "Waiting list";
    reg_waitlist_text: "Der Kurs ist voll. Sie stehen auf der Warteliste auf Platz", "The course is full. Your position on the waiting list is";
    reg_waitlist_moves: "Wird ein Platz frei, rücken Sie nach und wir schreiben Ihnen.", "When a place becomes free, you move up and we will write to you.";
    reg_status_link: "Ihr persönlicher Link zeigt jederzeit den Stand und erlaubt, die Anmeldung zurückzuziehen. Wir haben ihn Ihnen auch per E-Mail geschickt:", "Your personal link shows the state at any time and lets you withdraw. We have also sent it to you by e-mail:";
    reg_status_title: "Meine Anmeldung", "My registration";
    reg_withdraw: "Anmeldung zurückziehen", "Withdraw registration";
    reg_withdraw_ask: "Wirklich zurückziehen? Ihr Platz geht an die nächste Person auf der Warteliste.", "Withdraw for sure? Your place goes to the next person on the waiting list.";
    reg_withdraw_yes: "Ja, zurückziehen", "Yes, withdraw";
    reg_withdrawn: "Sie haben die Anmeldung zurückgezogen. Sie können sich jederzeit wieder anmelden.", "You withdrew the registration. You are welcome to register again at any time.";
    reg_not_open: "Diese Anmeldung ist abgeschlossen; Fragen beantwortet der Bildungsträger.", "This registration is closed; the education provider answers questions.";
    reg_course: "Kurs", "Course";
    outbox_title: "Postausgang", "Outbox";
    outbox_intro: "Die letzten 100 Mails: was gesendet wurde, was auf einen neuen Versuch wartet und warum. Wurde der Versand unterbrochen, kam die Mail vielleicht an; fragen Sie im Zweifel nach, bevor Sie sie erneut senden.", "The last 100 mails: what was sent, what waits for another attempt and why. When sending was interrupted the mail may have arrived; if in doubt, ask before sending it again.";
    outbox_empty: "Noch keine Mails.", "No mail yet.";
    outbox_queued: "Erstellt", "Created";
    outbox_to: "An", "To";
    outbox_subject: "Betreff", "Subject";
    outbox_state: "Stand", "State";
    outbox_attempts: "Versuche", "Attempts";
    outbox_send_again: "Erneut senden", "Send again";
    outbox_actions: "Aktionen", "Actions";
    reviews_title: "Anmeldungen prüfen", "Check registrations";
    reviews_intro: "Selbstanmeldungen, deren Person vielleicht schon erfasst ist. Führen Sie die neue Person mit der vorhandenen zusammen, oder behalten Sie beide, wenn es verschiedene Menschen sind.", "Self-registrations whose person may already be recorded. Merge the new record into the existing one, or keep both when they are different people.";
    reviews_empty: "Keine Anmeldung wartet auf eine Prüfung.", "No registration waits to be checked.";
    reviews_maybe: "Vielleicht dieselbe Person wie:", "Maybe the same person as:";
    reviews_merge: "Zusammenführen", "Merge";
    reviews_keep: "Verschiedene Personen", "Different people";
    session_add: "Termin hinzufügen", "Add date";
    session_none: "Noch keine Termine.", "No dates yet.";
    session_delete_confirm: "Diesen Termin löschen? Erfasste Anwesenheiten dieses Termins gehen dabei verloren.", "Delete this date? Attendance recorded for it is lost.";
    session_trainer_default: "Ohne Uhrzeit gilt bei Trainerkursen 09:30–16:30.", "Without times, trainer course days run 09:30–16:30.";
    enrol_title: "Teilnehmende", "Participants";
    enrol_waitlist: "Warteliste", "Waitlist";
    enrol_none: "Noch niemand angemeldet.", "Nobody registered yet.";
    enrol_add: "Person anmelden", "Register a person";
    enrol_partner: "Tandempartner/in (Trainerkurs)", "Tandem partner (trainer course)";
    enrol_local_course: "Örtlicher Mentorenkurs des Tandems", "The tandem's local mentor course";
    enrol_submit: "Anmelden", "Register";
    enrol_confirm: "Bestätigen", "Confirm";
    enrol_cancel: "Stornieren", "Cancel";
    enrol_drop_out: "Abgebrochen", "Dropped out";
    enrol_position: "Platz", "Position";
    person_search: "Person suchen", "Find a person";
    person_search_hint: "Name eingeben …", "Type a name …";
    no_results: "Keine Treffer.", "No matches.";
    attendance_title: "Anwesenheit", "Attendance";
    attendance_open: "Anwesenheit erfassen", "Record attendance";
    attendance_all_present: "Alle anwesend", "All present";
    attendance_save: "Anwesenheit speichern", "Save attendance";
    attendance_saved: "Anwesenheit gespeichert.", "Attendance saved.";
    attendance_total: "Summe", "Total";
    attendance_reached: "erreicht", "reached";
    attendance_not_set: "– nicht erfasst –", "– not recorded –";
    attendance_no_participants: "Es gibt noch keine Teilnehmenden.", "No participants yet.";
    attendance_choose_session: "Termin zum Erfassen wählen", "Choose the date to record";
    certificates_title: "Zertifikate", "Certificates";
    certificate_issue: "Zertifikat ausstellen", "Issue certificate";
    certificate_download: "PDF herunterladen", "Download PDF";
    certificate_download_en: "PDF auf Englisch", "PDF in English";
    certificate_revoke: "Widerrufen", "Revoke";
    certificate_revoke_reason: "Grund des Widerrufs (bleibt intern, die öffentliche Prüfung nennt nur das Datum):", "Reason for the revocation (kept internal; the public check shows only the date):";
    certificate_revoked_on: "widerrufen am", "revoked on";
    verify_revoked: "Dieses Zertifikat ist echt, wurde aber widerrufen und ist nicht mehr gültig.", "This certificate is genuine but was revoked and is no longer valid.";
    certificate_code: "Prüfcode", "Verification code";
    certificate_issued_on: "ausgestellt am", "issued on";
    certificate_hint: "Zertifikate gibt es für Teilnehmende eines abgeschlossenen Kurses, die die erforderlichen Stunden erreicht haben.", "Certificates are for participants of a completed course who reached the required hours.";
    verify_title: "Zertifikat prüfen", "Verify a certificate";
    verify_intro: "Geben Sie den Prüfcode ein, der auf dem Zertifikat steht.", "Enter the verification code printed on the certificate.";
    verify_submit: "Prüfen", "Verify";
    verify_genuine: "Dieses Zertifikat ist echt.", "This certificate is genuine.";
    verify_unknown: "Zu diesem Prüfcode gibt es kein Zertifikat.", "There is no certificate with this code.";
    verify_holder: "Inhaber/in", "Holder";
    verify_course: "Kurs", "Course";
    schedule_title: "Kommende Termine", "Upcoming dates";
    schedule_empty: "In den nächsten drei Monaten stehen keine Termine an.", "No dates in the next three months.";
    schedule_intro: "Alle datierten Termine der nicht abgesagten Kurse in den nächsten drei Monaten.", "All dated sessions of courses not cancelled, for the next three months.";
    nav_admin: "Verwaltung", "Administration";
    admin_title: "Konten und Rollen", "Accounts and roles";
    admin_accounts: "Konten", "Accounts";
    admin_role: "Rolle", "Role";
    admin_areas: "Kreise/Gemeinden", "Districts/municipalities";
    admin_areas_hint: "Kreisschlüssel (5 Ziffern) oder Gemeindeschlüssel (8 Ziffern), durch Komma getrennt, z. B. 08116, 08111000", "District keys (5 digits) or municipality keys (8 digits), separated by commas, e.g. 08116, 08111000";
    admin_person: "Person", "Person";
    admin_display_name: "Anzeigename", "Display name";
    admin_invite: "Einladen", "Invite";
    admin_invite_title: "Neue Einladung", "New invitation";
    admin_invite_link: "Einladungslink – nur jetzt sichtbar, bitte an die eingeladene Person senden:", "Invitation link – shown only now, please send it to the invited person:";
    admin_open_invitations: "Offene Einladungen", "Open invitations";
    admin_valid_until: "gültig bis", "valid until";
    admin_remove_confirm: "Dieses Konto löschen? Die Person kann sich dann nicht mehr anmelden.", "Delete this account? The person can no longer sign in.";
    audit_title: "Protokoll", "Audit log";
    audit_when: "Zeitpunkt", "Time";
    audit_who: "Konto", "Account";
    audit_action: "Aktion", "Action";
    audit_route: "Schnittstelle", "Endpoint";
    audit_record: "Datensatz", "Record";
    audit_empty: "Keine Einträge.", "No entries.";
    audit_sign_in: "Anmeldung", "Sign-in";
    audit_sign_in_failed: "Anmeldung fehlgeschlagen", "Failed sign-in";
    audit_sign_out: "Abmeldung", "Sign-out";
    audit_create: "Angelegt", "Created";
    audit_update: "Geändert", "Changed";
    audit_delete: "Gelöscht", "Deleted";
    audit_export: "Exportiert", "Exported";
    audit_record_person: "Person", "Person";
    audit_record_organisation: "Organisation", "Organisation";
    audit_record_course: "Kurs", "Course";
    invitation_title: "Einladung annehmen", "Accept invitation";
    invitation_intro: "Wählen Sie ein Passwort (mindestens 10 Zeichen), um Ihr Konto anzulegen.", "Choose a password (at least 10 characters) to create your account.";
    invitation_accept: "Konto anlegen", "Create account";
    account_title: "Mein Konto", "My account";
    password_current: "Bisheriges Passwort", "Current password";
    password_new: "Neues Passwort", "New password";
    password_change: "Passwort ändern", "Change password";
    password_changed: "Das Passwort ist geändert. Andere Anmeldungen dieses Kontos sind beendet.", "The password has been changed. Other sessions of this account have ended.";
    export_person: "Daten exportieren (JSON)", "Export data (JSON)";
    forgot_password: "Passwort vergessen?", "Forgot your password?";
    reset_request_title: "Passwort zurücksetzen", "Reset password";
    reset_request_intro: "Geben Sie die E-Mail-Adresse Ihres Kontos ein. Sie erhalten einen Link, mit dem Sie ein neues Passwort festlegen.", "Enter the e-mail address of your account. You will receive a link to set a new password.";
    reset_request_send: "Link anfordern", "Send link";
    reset_request_sent: "Wenn es zu dieser Adresse ein Konto gibt, ist eine E-Mail mit dem Link unterwegs. Er gilt eine Stunde.", "If this address has an account, an e-mail with the link is on its way. It is valid for one hour.";
    reset_title: "Neues Passwort festlegen", "Set a new password";
    reset_done: "Das neue Passwort gilt. Bitte melden Sie sich damit an.", "The new password is set. Please sign in with it.";
    my_data_title: "Meine Daten", "My data";
    my_data_intro: "Das speichert Mentorat über Sie. Ihre Einwilligung bestimmt, was Gemeinden und die öffentliche Liste von Ihnen zeigen.", "This is what Mentorat stores about you. Your consent decides what municipalities and the public listing show of you.";
    my_consent: "Meine Einwilligung", "My consent";
    my_consent_save: "Einwilligung speichern", "Save consent";
    my_consent_saved: "Ihre Einwilligung ist gespeichert.", "Your consent has been saved.";
    my_export: "Alle meine Daten herunterladen (JSON)", "Download all my data (JSON)";
    my_erasure: "Löschung meiner Daten beantragen", "Request erasure of my data";
    my_erasure_confirm: "Die Löschung Ihrer Daten beantragen? Der Bildungsträger führt sie aus; danach ist auch Ihr Konto gelöscht.", "Request erasure of your data? The education provider carries it out; afterwards your account is deleted too.";
    my_erasure_sent: "Ihr Antrag auf Löschung ist eingegangen. Der Bildungsträger meldet sich, falls etwas (etwa ein Zertifikatsregister) aufbewahrt werden muss.", "Your erasure request has been received. The education provider will contact you if anything (such as a certificate register entry) has to be kept.";
    erasure_requests: "Offene Anträge auf Löschung", "Pending erasure requests";
    clients_title: "API-Clients", "API clients";
    clients_intro: "Zugänge für Fachverfahren und Portale. Der Client tauscht sein Geheimnis unter /api/v1/oauth/token gegen ein Token (15 Minuten).", "Access for other systems and portals. A client exchanges its secret at /api/v1/oauth/token for a token (15 minutes).";
    clients_name: "Name", "Name";
    clients_organisation: "Organisation", "Organisation";
    clients_scopes: "Berechtigungen", "Scopes";
    clients_rate: "Anfragen je Minute", "Requests per minute";
    clients_create: "Client anlegen", "Create client";
    clients_secret: "Zugangsdaten – das Geheimnis ist nur jetzt sichtbar:", "Credentials – the secret is shown only now:";
    clients_rotate: "Neues Geheimnis", "New secret";
    clients_revoke: "Sperren", "Revoke";
    clients_revoked: "gesperrt", "revoked";
    clients_revoke_confirm: "Diesen Client sperren? Sein Geheimnis und seine Tokens gelten sofort nicht mehr.", "Revoke this client? Its secret and tokens stop working at once.";
    admin_change: "Zugang ändern", "Change access";
    admin_change_hint: "Beim Speichern enden alle Anmeldungen dieses Kontos, damit der neue Zugang sofort gilt.", "Saving ends all sessions of this account, so the new access applies at once.";
    my_profile: "Meine Angaben", "My details";
    my_profile_saved: "Ihre Angaben sind gespeichert.", "Your details have been saved.";
    a11y_title: "Erklärung zur Barrierefreiheit", "Accessibility statement";
    a11y_link: "Barrierefreiheit", "Accessibility";
    a11y_scope: "{operator} ist bemüht, Mentorat barrierefrei zugänglich zu machen, nach § 10 des Landes-Behindertengleichstellungsgesetzes Baden-Württemberg (L-BGG), das die Richtlinie (EU) 2016/2102 umsetzt, und den Anforderungen der BITV 2.0 (WCAG 2.1, Stufe AA). Diese Erklärung gilt für die Web-Anwendung Mentorat mit ihren öffentlichen Seiten und den Bereichen für angemeldete Mitarbeitende.", "{operator} strives to make Mentorat accessible in accordance with section 10 of the Baden-Württemberg Disability Equality Act (L-BGG), which implements Directive (EU) 2016/2102, and the requirements of BITV 2.0 (WCAG 2.1, level AA). This statement applies to the Mentorat web application, its public pages and the areas for signed-in staff.";
    a11y_status_heading: "Stand der Vereinbarkeit mit den Anforderungen", "Compliance status";
    a11y_status: "Diese Web-Anwendung ist wegen der folgenden Ausnahmen teilweise mit den Anforderungen vereinbar.", "This web application is partially compliant with the requirements because of the exceptions listed below.";
    a11y_gaps_heading: "Nicht barrierefreie Inhalte", "Non-accessible content";
    a11y_gap_pdf: "Zertifikate und Berichte im PDF-Format sind nicht als barrierefreie PDF-Dokumente (PDF/UA) ausgezeichnet. Die Angaben eines Zertifikats lassen sich auf der Seite „Zertifikat prüfen“ barrierefrei abrufen.", "Certificates and reports in PDF are not tagged as accessible PDF documents (PDF/UA). A certificate's details can be read accessibly on the page \"Verify a certificate\".";
    a11y_made_heading: "Erstellung dieser Erklärung", "Preparation of this statement";
    a11y_made: "Diese Erklärung wurde am 27. November 2026 erstellt und am 28. November 2026 überprüft. Grundlage ist eine Selbstbewertung: Bei jeder Änderung der Software wird jede Seite ohne Anmeldung und in jeder Rolle in einem Browser mit dem Prüfwerkzeug axe-core (WCAG 2.1, Stufen A und AA) und bei 320 und 390 Pixeln Breite geprüft; Anmelden, das Anlegen einer Person, das Anmelden von Teilnehmenden und das Erfassen der Anwesenheit werden allein mit der Tastatur durchgespielt; dazu kommen Prüfungen von Hand.", "This statement was prepared on 27 November 2026 and reviewed on 28 November 2026. It is based on a self-assessment: with every change to the software, every page is checked signed out and in every role, in a browser with the axe-core checker (WCAG 2.1, levels A and AA) and at 320 and 390 pixels wide; signing in, recording a person, enrolling participants and recording attendance are played through with the keyboard alone; in addition there are manual checks.";
    a11y_feedback_heading: "Feedback und Kontakt", "Feedback and contact";
    a11y_feedback: "Ist Ihnen ein Mangel bei der barrierefreien Gestaltung aufgefallen, oder brauchen Sie einen Inhalt in barrierefreier Form? Schreiben Sie uns:", "Have you found a barrier, or do you need content in an accessible form? Write to us:";
    a11y_enforcement_heading: "Schlichtungsverfahren", "Enforcement procedure";
    a11y_enforcement: "Erhalten Sie auf Ihre Rückmeldung keine zufriedenstellende Antwort, können Sie sich an die Ombudsstelle für barrierefreie Informationstechnik bei der Beauftragten der Landesregierung Baden-Württemberg für die Belange von Menschen mit Behinderungen wenden, Else-Josenhans-Straße 6, 70173 Stuttgart. Das Verfahren ist kostenlos; Sie brauchen keine Anwältin und keinen Anwalt.", "If you do not receive a satisfactory answer to your feedback, you can turn to the ombudsman's office for accessible information technology at the Baden-Württemberg state government's commissioner for the concerns of people with disabilities, Else-Josenhans-Straße 6, 70173 Stuttgart, Germany. The procedure is free of charge; you do not need a lawyer.";
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
    if let Some(html) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
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
    let lang = use_context::<UseStateHandle<Lang>>()
        .map(|l| *l)
        .unwrap_or(Lang::De);
    texts(lang)
}

#[hook]
pub fn use_lang() -> Lang {
    use_context::<UseStateHandle<Lang>>()
        .map(|l| *l)
        .unwrap_or(Lang::De)
}

/// Values with a German and an English label (the `code_enum!` types of `shared`).
pub trait Labelled: Copy {
    fn label(self, lang: Lang) -> &'static str;
}

/// The UI's own words, capitalised in English too: they begin headings ("Rural district
/// Esslingen"), where `shared`'s lower-case labels would not.
impl Labelled for shared::reference::DistrictKind {
    fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Landkreis => texts(lang).landkreis,
            Self::Stadtkreis => texts(lang).stadtkreis,
        }
    }
}

macro_rules! labelled {
    ($($t:ty),+) => {
        $(impl Labelled for $t {
            fn label(self, lang: Lang) -> &'static str {
                if lang == Lang::De { self.label_de() } else { self.label_en() }
            }
        })+
    };
}

labelled!(
    shared::registrations::MailLanguage,
    shared::accounts::MailState,
    shared::registrations::RegistrationState,
    shared::tandems::TandemApplicationState,
    shared::courses::CourseKind,
    shared::courses::CourseStatus,
    shared::courses::EnrolmentStatus,
    shared::courses::AttendanceStatus,
    shared::organisations::OrganisationKind,
    shared::organisations::ProgrammeRole,
    shared::people::MentorStatus,
    shared::people::ConsentLevel,
    shared::people::TrainerKind,
    shared::auth::Role,
    shared::clients::ClientScope
);

/// `25.11.2026`; written out by hand, chrono's formatter weighs a lot in wasm.
pub fn date(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:02}.{:02}.{}", d.day(), d.month(), d.year())
}

/// `März 2027`.
pub fn month_year(d: chrono::NaiveDate, lang: Lang) -> String {
    use chrono::Datelike;
    let months = if lang == Lang::De {
        shared::MONTHS_DE
    } else {
        shared::MONTHS_EN
    };
    format!("{} {}", months[d.month0() as usize], d.year())
}

/// `27.11.2026, 14:00`, in Europe/Berlin whatever the browser's zone and locale.
pub fn berlin_date_time(at: chrono::DateTime<chrono::Utc>) -> String {
    let moment = js_sys::Date::new(&(at.timestamp_millis() as f64).into());
    let options = js_sys::Object::new();
    for (key, value) in [
        ("timeZone", "Europe/Berlin"),
        ("day", "2-digit"),
        ("month", "2-digit"),
        ("year", "numeric"),
        ("hour", "2-digit"),
        ("minute", "2-digit"),
        ("hourCycle", "h23"),
    ] {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    }
    moment.to_locale_string("de-DE", &options).into()
}

/// `09:30`.
pub fn time(t: chrono::NaiveTime) -> String {
    use chrono::Timelike;
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// Hours with a decimal comma in German: `7,5`.
pub fn hours(h: f64, lang: Lang) -> String {
    // A sum of nothing can arrive as -0.0, which would print as "-0".
    let h = h + 0.0;
    let text = if h.fract() == 0.0 {
        format!("{h:.0}")
    } else {
        format!("{:.2}", h).trim_end_matches('0').to_owned()
    };
    if lang == Lang::De {
        text.replace('.', ",")
    } else {
        text
    }
}

/// English text for a problem code of the API (see `Problem::code`); German uses the server's
/// own `detail`, which names the particulars.
pub fn problem_en(code: &str) -> &'static str {
    match code {
        "bad_request" => "The request is not valid.",
        "unauthenticated" => "Please sign in.",
        "invalid_credentials" => "Wrong e-mail address or password.",
        "forbidden" => "You are not allowed to do this.",
        "not_found" => "This record does not exist (any more).",
        "method_not_allowed" => "This action is not available here.",
        "not_acceptable" => "This format is not available.",
        "gone" => "This link has expired; please start again from the beginning.",
        "stale_version" => "Someone else changed this record in the meantime. Please reload.",
        "payload_too_large" => "The request is too large.",
        "unsupported_media_type" => "The data was sent in a format the server does not accept.",
        "invalid" => "Please check the marked fields.",
        "if_match_required" => "The change is missing the version it was based on. Please reload.",
        "too_many_requests" => "Too many attempts. Please wait a moment and try again.",
        "unavailable" => "The service is briefly unavailable. Please try again in a moment.",
        "duplicate" => "A record with these details already exists.",
        "reference" => "The record refers to something that does not exist, or is still in use.",
        "possible_duplicates" => "Records that may describe the same person exist already.",
        "email_taken" => "There is already an account for this e-mail address.",
        "own_account" => "You cannot delete your own account.",
        "own_admin_role" => "You cannot give up your own administrator role; another administrator has to do that.",
        "client_blocked" => "This API client is revoked.",
        "status_transition" => "The record cannot move to this status from its current one.",
        "course_closed" => "This course does not accept enrolments in its current status.",
        "already_enrolled" => "This person is already enrolled in the course.",
        "registration_not_cancellable" => "This registration can no longer be withdrawn; please contact the education provider.",
        "review_closed" => "This registration is not waiting for review.",
        "application_decided" => "This application is not waiting for a decision.",
        "trainer_kind" => "This person is already recorded as the other kind of trainer.",
        "mail_not_resendable" => "Only mail whose sending was interrupted or failed can be sent again.",
        "in_use" => "This field of activity is still in use. Retire it instead.",
        "consent_mentors_only" => "Consent applies to mentors only.",
        "certified_person" => "A certificate was issued to this person; the register entry must be kept, so the person cannot be deleted.",
        "same_course" => "Both records are enrolled in the same course. Cancel one of the enrolments first.",
        "already_revoked" => "This certificate has already been revoked.",
        "certificate_revoked" => "This certificate was revoked and is no longer issued.",
        "session_undated" => "Attendance cannot be recorded for a session without a date.",
        "session_ahead" => "Attendance is recorded from the day of the session on; this session is still ahead.",
        "undated_sessions" => "The course still has sessions without a date. Date or remove them before completing it.",
        "no_sessions" => "A course without sessions cannot be completed.",
        "sessions_ahead" => "A course is completed once all its sessions have taken place; the last one is still ahead.",
        "no_tandem" => "A mentor course is led by a trainer tandem: one qualified professional and one qualified citizen. Please add both.",
        "unusual_period" => "The sessions of this mentor course lie much less or much more than three months apart. Please give a reason to complete it anyway.",
        "course_not_completed" => "Certificates are issued once the course is completed.",
        "no_accompaniment_year" => "Accompaniment meetings follow the completion of a mentor course.",
        "not_participant" => "This enrolment does not belong to a participant of the course.",
        "hours_missing" => "The participant has not yet attended enough hours for the certificate.",
        "already_issued" => "A certificate has already been issued for this participation.",
        "network" => "The server cannot be reached. Please check the connection and try again.",
        "conflict" => "The change conflicts with the current state of the record.",
        "internal" | "error" => GENERIC_PROBLEM_EN,
        // A code this build does not know yet (a newer server).
        _ => GENERIC_PROBLEM_EN,
    }
}

const GENERIC_PROBLEM_EN: &str = "Something went wrong. Please try again later.";

/// English text for the code of a failing field.
pub fn field_error_en(code: &str) -> &'static str {
    match code {
        "required" => "Please fill in this field.",
        "same_person" => "A tandem consists of two people.",
        "same_email" => "Each partner confirms with their own e-mail address.",
        "in_past" => "This date lies in the past.",
        "accompaniment_year" => "The date lies outside the course's accompaniment year.",
        "ahead" => "Meetings are recorded once they have taken place.",
        "unreadable" => "The file is not a readable image.",
        "dimensions" => "The logo must be 32 to 4,000 pixels on each side.",
        "too_long" => "This text is too long.",
        "too_short" => "This is too short.",
        "nul" => "The text contains a forbidden control character.",
        "type" => "This value has the wrong type.",
        "invalid" => "This value is not valid.",
        "range" => "This value is out of the allowed range.",
        "unknown" => "This record does not exist.",
        "duplicate" => "This name is taken already.",
        "email" => "Please give a valid e-mail address, e.g. name@example.org.",
        "phone" => "Please give a phone number of digits, e.g. 0711 123456.",
        "website" => "Please give a web address such as https://www.example.org.",
        "postal_code" => "A German postcode has five digits.",
        "ags" => "The municipality key (AGS) has exactly 8 digits, e.g. 08111000.",
        "district_key" => "The district key has exactly 5 digits, e.g. 08111.",
        "code" => "A verification code has twelve characters, e.g. K7QM-4XPA-93TD.",
        "language" | "lang" => "Give languages as two-letter ISO codes, e.g. de, en, tr.",
        "datetime" => "Give a time as RFC 3339, e.g. 2026-11-25T08:00:00Z.",
        "cursor" => "Invalid continuation value; please follow the next link.",
        "format" => "Choose json or csv.",
        "before_start" => "The end is not after the start.",
        "incomplete" => "Start and end belong together.",
        "fixed" => "This cannot be changed after creation.",
        "same" => "A record cannot be merged with itself.",
        "wrong" => "The current password is not correct.",
        "tandem" => "A tandem is one professional and one citizen trainer, enrolled together.",
        "citizen_employer" => "Citizen trainers have no employer in the programme.",
        "not_trainer_course" => "Tandems and accompanying courses belong to trainer courses only.",
        "local_course" => "The accompanying course must be a mentor course.",
        "unqualified" => "Mentor courses are led by qualified trainers only.",
        "number" => "Please give the hours as a number, e.g. 2.5.",
        "date" => "Please give a date as DD.MM.YYYY, e.g. 24.12.2026.",
        "time" => "Please give a time as HH:MM, e.g. 18:30.",
        "consent_required" => "Without your consent we cannot process the registration.",
        "consent_outdated" => {
            "The consent text has changed. Please reload the page and read it again."
        }
        _ => "This value is not valid.",
    }
}
