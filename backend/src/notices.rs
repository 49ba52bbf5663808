//! The mails people receive about their registrations and enrolments, in the language they
//! chose. Plain text, with the links a person clicks written out in full. Queued with
//! [`crate::mail::enqueue`] in the transaction of the change they report.

use crate::mail::Outgoing;
use shared::registrations::{MailLanguage, CONFIRMATION_HOURS};

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
