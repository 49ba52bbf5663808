//! The mails people receive about their registrations and enrolments, in the language they
//! chose. Plain text, with the links a person clicks written out in full. Queued with
//! [`crate::mail::enqueue`] in the transaction of the change they report.

use crate::db::DbConnection;
use crate::error::ApiError;
use crate::mail::Outgoing;
use diesel::prelude::*;
use shared::courses::EnrolmentStatus;
use shared::registrations::{MailLanguage, RegistrationState, CONFIRMATION_HOURS};

/// Who receives a mail about a registration or enrolment.
pub struct Recipient {
    pub email: String,
    pub given_name: String,
    pub family_name: String,
    pub language: MailLanguage,
}

impl Recipient {
    fn greeting(&self) -> String {
        match self.language {
            MailLanguage::German => format!("Guten Tag {} {},", self.given_name, self.family_name),
            MailLanguage::English => format!("Dear {} {},", self.given_name, self.family_name),
        }
    }

    fn mail(&self, event: String, subject: String, body: String) -> Outgoing {
        let signature = match self.language {
            MailLanguage::German => "Mentorat für Bürgerengagement",
            MailLanguage::English => "Mentorat für Bürgerengagement (civic mentoring programme)",
        };
        Outgoing {
            to: self.email.clone(),
            subject,
            body: format!("{}\n\n{body}\n\n{signature}\n", self.greeting()),
            event: Some(event),
            calendar: None,
        }
    }
}

/// Asks the registrant to confirm with the link (double opt-in).
pub fn confirm_link(to: &Recipient, registration: i64, course: &str, link: &str) -> Outgoing {
    let (subject, body) = match to.language {
        MailLanguage::German => (
            format!("Bitte bestätigen Sie Ihre Anmeldung: {course}"),
            format!(
                "Sie haben sich für den Kurs „{course}“ angemeldet. Bitte bestätigen Sie die \
                 Anmeldung mit diesem Link:\n\n{link}\n\nErst mit der Bestätigung erhalten Sie \
                 einen Platz oder einen Platz auf der Warteliste. Der Link gilt \
                 {CONFIRMATION_HOURS} Stunden und nur einmal; danach löschen wir die Angaben.\n\n\
                 Wenn Sie sich nicht angemeldet haben, können Sie diese Nachricht ignorieren."
            ),
        ),
        MailLanguage::English => (
            format!("Please confirm your registration: {course}"),
            format!(
                "You registered for the course “{course}”. Please confirm the registration with \
                 this link:\n\n{link}\n\nOnly a confirmed registration receives a place or a \
                 place on the waiting list. The link works for {CONFIRMATION_HOURS} hours and \
                 once; after that we delete the details.\n\n\
                 If you did not register, you can ignore this message."
            ),
        ),
    };
    to.mail(
        format!("registration:{registration}:confirm"),
        subject,
        body,
    )
}

/// After confirmation: a place, or the position on the waitlist, and the personal link.
pub fn placed(
    to: &Recipient,
    registration: i64,
    course: &str,
    waitlist_position: Option<i64>,
    status_link: &str,
) -> Outgoing {
    let (subject, state) = match (to.language, waitlist_position) {
        (MailLanguage::German, None) => (
            format!("Platz bestätigt: {course}"),
            format!("Platz bestätigt: Sie haben einen Platz im Kurs „{course}“."),
        ),
        (MailLanguage::German, Some(n)) => (
            format!("Warteliste, Platz {n}: {course}"),
            format!(
                "Der Kurs „{course}“ ist voll. Sie stehen auf Platz {n} der Warteliste; wird \
                 ein Platz frei, rücken Sie nach und wir schreiben Ihnen."
            ),
        ),
        (MailLanguage::English, None) => (
            format!("Place confirmed: {course}"),
            format!("Place confirmed: you have a place in the course “{course}”."),
        ),
        (MailLanguage::English, Some(n)) => (
            format!("Waiting list, position {n}: {course}"),
            format!(
                "The course “{course}” is full. You are number {n} on the waiting list; when a \
                 place becomes free, you move up and we will write to you."
            ),
        ),
    };
    let link = match to.language {
        MailLanguage::German => format!(
            "Unter Ihrem persönlichen Link sehen Sie jederzeit den Stand und können die \
             Anmeldung zurückziehen:\n\n{status_link}\n\nBewahren Sie diese Nachricht auf."
        ),
        MailLanguage::English => format!(
            "Your personal link shows the state at any time and lets you withdraw:\n\n\
             {status_link}\n\nPlease keep this message."
        ),
    };
    to.mail(
        format!("registration:{registration}:placed"),
        subject,
        format!("{state}\n\n{link}"),
    )
}

/// A place became free and the person on the waitlist has it now.
pub fn moved_up(to: &Recipient, enrolment: i64, course: &str) -> Outgoing {
    let (subject, body) = match to.language {
        MailLanguage::German => (
            format!("Nachgerückt, Platz bestätigt: {course}"),
            format!(
                "Ein Platz ist frei geworden: Sie sind von der Warteliste nachgerückt und haben \
                 jetzt einen Platz im Kurs „{course}“. Können Sie doch nicht teilnehmen, ziehen \
                 Sie die Anmeldung bitte über Ihren persönlichen Link zurück, damit der Platz \
                 weitergegeben werden kann."
            ),
        ),
        MailLanguage::English => (
            format!("Moved up, place confirmed: {course}"),
            format!(
                "A place became free: you moved up from the waiting list and now have a place \
                 in the course “{course}”. If you cannot take part after all, please withdraw \
                 through your personal link so that the place can go to someone else."
            ),
        ),
    };
    to.mail(format!("enrolment:{enrolment}:moved-up"), subject, body)
}

/// Confirms a withdrawal made through the personal link.
pub fn cancelled(to: &Recipient, registration: i64, course: &str) -> Outgoing {
    let (subject, body) = match to.language {
        MailLanguage::German => (
            format!("Anmeldung zurückgezogen: {course}"),
            format!(
                "Sie haben Ihre Anmeldung zum Kurs „{course}“ zurückgezogen. Ihr Platz geht an \
                 die nächste Person auf der Warteliste. Möchten Sie später an einem Kurs \
                 teilnehmen, melden Sie sich gern wieder an."
            ),
        ),
        MailLanguage::English => (
            format!("Registration withdrawn: {course}"),
            format!(
                "You withdrew your registration for the course “{course}”. Your place goes to \
                 the next person on the waiting list. You are welcome to register again later."
            ),
        ),
    };
    to.mail(
        format!("registration:{registration}:cancelled"),
        subject,
        body,
    )
}

impl Recipient {
    fn language(&self) -> crate::downloads::Language {
        match self.language {
            MailLanguage::German => crate::downloads::Language::De,
            MailLanguage::English => crate::downloads::Language::En,
        }
    }

    /// A session as a person reads it: "12. Dezember 2026, 09:30–16:30 Uhr, Raum 2".
    fn session(&self, session: &shared::courses::Session) -> String {
        let language = self.language();
        let mut text = match session.date {
            Some(day) => language.long_date(day),
            None => match self.language {
                MailLanguage::German => "Termin wird mit den Teilnehmenden abgestimmt".into(),
                MailLanguage::English => "date to be agreed with the participants".into(),
            },
        };
        if let (Some(start), Some(end)) = (session.start, session.end) {
            let times = format!("{}–{}", start.format("%H:%M"), end.format("%H:%M"));
            text.push_str(&match self.language {
                MailLanguage::German => format!(", {times} Uhr"),
                MailLanguage::English => format!(", {times}"),
            });
        }
        if let Some(room) = &session.room {
            text.push_str(&format!(", {room}"));
        }
        text
    }
}

/// Who is told about an enrolment: the address and language of its registration, or, for people
/// staff enrolled, the address on their record (in German). `None` without an address.
pub fn recipient_of(
    conn: &mut DbConnection,
    enrolment: i64,
) -> Result<Option<Recipient>, ApiError> {
    use crate::schema::{enrolments, people, registrations};
    let registered: Option<(String, String, String, MailLanguage)> = registrations::table
        .filter(registrations::enrolment_id.eq(enrolment))
        .filter(registrations::state.eq(RegistrationState::Confirmed.code()))
        .select((
            registrations::email,
            registrations::given_name,
            registrations::family_name,
            registrations::language,
        ))
        .order(registrations::id.desc())
        .first(conn)
        .optional()?;
    if let Some((email, given_name, family_name, language)) = registered {
        return Ok(Some(Recipient {
            email,
            given_name,
            family_name,
            language,
        }));
    }
    let row: Option<(Option<String>, String, String)> = enrolments::table
        .inner_join(people::table)
        .filter(enrolments::id.eq(enrolment))
        .select((people::email, people::given_name, people::family_name))
        .first(conn)
        .optional()?;
    Ok(row.and_then(|(email, given_name, family_name)| {
        Some(Recipient {
            email: email?,
            given_name,
            family_name,
            language: MailLanguage::German,
        })
    }))
}

/// Everyone with a place in the course (not the waitlist), with the enrolment.
pub fn participants(
    conn: &mut DbConnection,
    course: i64,
) -> Result<Vec<(i64, Recipient)>, ApiError> {
    enrolled(conn, course, EnrolmentStatus::place_holding_codes())
}

/// Everyone with a place or on the waitlist, with the enrolment.
pub fn participants_and_waitlist(
    conn: &mut DbConnection,
    course: i64,
) -> Result<Vec<(i64, Recipient)>, ApiError> {
    let mut statuses = EnrolmentStatus::place_holding_codes();
    statuses.push(EnrolmentStatus::Waitlisted.code());
    enrolled(conn, course, statuses)
}

fn enrolled(
    conn: &mut DbConnection,
    course: i64,
    statuses: Vec<&'static str>,
) -> Result<Vec<(i64, Recipient)>, ApiError> {
    use crate::schema::enrolments;
    let ids: Vec<i64> = enrolments::table
        .filter(enrolments::course_id.eq(course))
        .filter(enrolments::status.eq_any(statuses))
        .select(enrolments::id)
        .order(enrolments::id)
        .load(conn)?;
    let mut found = Vec::new();
    for id in ids {
        if let Some(to) = recipient_of(conn, id)? {
            found.push((id, to));
        }
    }
    Ok(found)
}

/// The whole course is cancelled: to everyone with a place or on the waitlist.
pub fn course_cancelled(to: &Recipient, enrolment: i64, course: &str) -> Outgoing {
    let (subject, body) = match to.language {
        MailLanguage::German => (
            format!("Kurs abgesagt: {course}"),
            format!(
                "leider findet der Kurs „{course}“ nicht statt; Ihre Anmeldung ist damit \
                 erledigt. Sobald es einen neuen Kurs in Ihrer Nähe gibt, können Sie sich gern \
                 wieder anmelden. Fragen beantwortet der Bildungsträger."
            ),
        ),
        MailLanguage::English => (
            format!("Course cancelled: {course}"),
            format!(
                "we are sorry: the course “{course}” will not take place, so your registration \
                 ends here. You are welcome to register again for a new course near you. The \
                 education provider answers questions."
            ),
        ),
    };
    to.mail(
        format!("enrolment:{enrolment}:course-cancelled"),
        subject,
        body,
    )
}

/// A session of the course was moved or changed. `change` tells changes apart (the course's
/// version after it), so each is told once.
pub fn session_moved(
    to: &Recipient,
    enrolment: i64,
    course: &str,
    before: &shared::courses::Session,
    after: &shared::courses::Session,
    change: i64,
) -> Outgoing {
    let (was, now) = (to.session(before), to.session(after));
    let (subject, body) = match to.language {
        MailLanguage::German => (
            format!("Termin verschoben: {course}"),
            format!(
                "ein Termin Ihres Kurses „{course}“ hat sich geändert.\n\nBisher: {was}\nNeu: {now}\n\n\
                 Die übrigen Termine bleiben, wie sie sind."
            ),
        ),
        MailLanguage::English => (
            format!("Session moved: {course}"),
            format!(
                "a session of your course “{course}” has changed.\n\nBefore: {was}\nNow: {now}\n\n\
                 The other sessions stay as they are."
            ),
        ),
    };
    to.mail(
        format!(
            "enrolment:{enrolment}:session:{}:changed:{change}",
            after.id
        ),
        subject,
        body,
    )
}

/// A session of the course was cancelled.
pub fn session_cancelled(
    to: &Recipient,
    enrolment: i64,
    course: &str,
    session: &shared::courses::Session,
) -> Outgoing {
    let when = to.session(session);
    let (subject, body) = match to.language {
        MailLanguage::German => (
            format!("Termin abgesagt: {course}"),
            format!(
                "ein Termin Ihres Kurses „{course}“ entfällt: {when}.\n\n\
                 Die übrigen Termine bleiben, wie sie sind."
            ),
        ),
        MailLanguage::English => (
            format!("Session cancelled: {course}"),
            format!(
                "a session of your course “{course}” is cancelled: {when}.\n\n\
                 The other sessions stay as they are."
            ),
        ),
    };
    to.mail(
        format!("enrolment:{enrolment}:session:{}:cancelled", session.id),
        subject,
        body,
    )
}

/// The certificate was issued; the link lets anyone check it.
pub fn certificate_issued(
    to: &Recipient,
    enrolment: i64,
    course: &str,
    check_link: &str,
) -> Outgoing {
    let (subject, body) = match to.language {
        MailLanguage::German => (
            format!("Ihr Zertifikat ist ausgestellt: {course}"),
            format!(
                "herzlichen Glückwunsch: Für den Kurs „{course}“ ist Ihr Zertifikat ausgestellt. \
                 Sie erhalten es vom Bildungsträger. Echt ist es, wenn diese Seite es bestätigt:\n\n\
                 {check_link}"
            ),
        ),
        MailLanguage::English => (
            format!("Your certificate has been issued: {course}"),
            format!(
                "congratulations: your certificate for the course “{course}” has been issued. \
                 The education provider will hand it to you. It is genuine if this page confirms \
                 it:\n\n{check_link}"
            ),
        ),
    };
    to.mail(format!("enrolment:{enrolment}:certificate"), subject, body)
}

/// Two days before a session: when and where, with the calendar entry attached.
pub fn reminder(
    to: &Recipient,
    enrolment: i64,
    course: &str,
    session: &shared::courses::Session,
    place: Option<&str>,
    calendar: String,
) -> Outgoing {
    let when = to.session(session);
    let (subject, body) = match to.language {
        MailLanguage::German => (
            format!(
                "Erinnerung: {course} am {}",
                to.language().long_date(session.date.unwrap_or_default())
            ),
            format!(
                "wir erinnern Sie an den nächsten Termin Ihres Kurses „{course}“:\n\n{when}{}\n\n\
                 Den Termin für Ihren Kalender finden Sie im Anhang. Können Sie nicht kommen, \
                 sagen Sie bitte der Kursleitung Bescheid.",
                place.map(|p| format!("\nOrt: {p}")).unwrap_or_default()
            ),
        ),
        MailLanguage::English => (
            format!(
                "Reminder: {course} on {}",
                to.language().long_date(session.date.unwrap_or_default())
            ),
            format!(
                "this is a reminder of the next session of your course “{course}”:\n\n{when}{}\n\n\
                 The calendar entry is attached. If you cannot come, please let the trainers know.",
                place.map(|p| format!("\nPlace: {p}")).unwrap_or_default()
            ),
        ),
    };
    let mut mail = to.mail(
        format!(
            "enrolment:{enrolment}:session:{}:reminder:{}",
            session.id,
            session.date.unwrap_or_default()
        ),
        subject,
        body,
    );
    mail.calendar = Some(("kurstermin.ics".into(), calendar));
    mail
}

/// Asks one partner of a tandem application to confirm it with their own link.
pub fn tandem_confirm_link(
    to: &Recipient,
    application: i64,
    course: &str,
    partner: &str,
    link: &str,
) -> Outgoing {
    let (subject, body) = match to.language {
        MailLanguage::German => (
            format!("Bitte bestätigen Sie Ihre Tandembewerbung: {course}"),
            format!(
                "Sie haben sich gemeinsam mit {partner} als Trainertandem für den Kurs \
                 „{course}“ beworben. Bitte bestätigen Sie die Bewerbung mit diesem Link:\n\n\
                 {link}\n\nSobald Sie beide bestätigt haben, prüft der Bildungsträger die \
                 Bewerbung und schreibt Ihnen. Der Link gilt {CONFIRMATION_HOURS} Stunden und nur \
                 einmal; danach löschen wir die Angaben.\n\n\
                 Wenn Sie sich nicht beworben haben, können Sie diese Nachricht ignorieren."
            ),
        ),
        MailLanguage::English => (
            format!("Please confirm your tandem application: {course}"),
            format!(
                "You applied together with {partner} as a trainer tandem for the course \
                 “{course}”. Please confirm the application with this link:\n\n{link}\n\n\
                 Once you have both confirmed, the education provider reviews the application \
                 and writes to you. The link works for {CONFIRMATION_HOURS} hours and once; after \
                 that we delete the details.\n\n\
                 If you did not apply, you can ignore this message."
            ),
        ),
    };
    to.mail(format!("tandem:{application}:confirm"), subject, body)
}

/// The tandem was accepted: enrolled (with a place or on the waitlist), and the local course
/// created as a draft.
pub fn tandem_accepted(
    to: &Recipient,
    application: i64,
    course: &str,
    local_course: &str,
    waitlist_position: Option<i64>,
) -> Outgoing {
    let (subject, state) = match (to.language, waitlist_position) {
        (MailLanguage::German, None) => (
            format!("Tandembewerbung angenommen: {course}"),
            format!("Ihre Bewerbung ist angenommen: Sie haben als Tandem einen Platz im Kurs „{course}“."),
        ),
        (MailLanguage::German, Some(n)) => (
            format!("Tandembewerbung angenommen, Warteliste: {course}"),
            format!(
                "Ihre Bewerbung ist angenommen. Der Kurs „{course}“ ist voll; Sie stehen als \
                 Tandem auf Platz {n} der Warteliste und rücken gemeinsam nach."
            ),
        ),
        (MailLanguage::English, None) => (
            format!("Tandem application accepted: {course}"),
            format!("Your application is accepted: you have a place as a tandem in the course “{course}”."),
        ),
        (MailLanguage::English, Some(n)) => (
            format!("Tandem application accepted, waiting list: {course}"),
            format!(
                "Your application is accepted. The course “{course}” is full; you are number \
                 {n} on the waiting list as a tandem and move up together."
            ),
        ),
    };
    let local = match to.language {
        MailLanguage::German => format!(
            "Ihren Mentorenkurs haben wir als Entwurf „{local_course}“ angelegt; die Termine \
             stimmen wir mit Ihnen ab. Bis zum Abschluss der Ausbildung sind Sie als Trainerin \
             oder Trainer in Ausbildung erfasst."
        ),
        MailLanguage::English => format!(
            "We have created your mentor course as a draft, “{local_course}”; we will agree the \
             dates with you. Until you complete the training you are recorded as trainers in \
             training."
        ),
    };
    to.mail(
        format!("tandem:{application}:accepted"),
        subject,
        format!("{state}\n\n{local}"),
    )
}

/// The tandem was not accepted, with the reason staff gave.
pub fn tandem_declined(
    to: &Recipient,
    application: i64,
    course: &str,
    reason: Option<&str>,
) -> Outgoing {
    let (subject, body) = match to.language {
        MailLanguage::German => (
            format!("Ihre Bewerbung als Trainertandem: {course}"),
            format!(
                "Leider können wir Ihre Bewerbung als Trainertandem für den Kurs „{course}“ \
                 nicht annehmen.{}\n\nFür Fragen und einen späteren Kurs sind wir gern für Sie da.",
                reason.map(|r| format!("\n\n{r}")).unwrap_or_default()
            ),
        ),
        MailLanguage::English => (
            format!("Your application as a trainer tandem: {course}"),
            format!(
                "We are sorry: we cannot accept your application as a trainer tandem for the \
                 course “{course}”.{}\n\nWe are happy to answer questions and to hear from you \
                 for a later course.",
                reason.map(|r| format!("\n\n{r}")).unwrap_or_default()
            ),
        ),
    };
    to.mail(format!("tandem:{application}:declined"), subject, body)
}
