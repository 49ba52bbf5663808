//! Passwords: Argon2id hashes, the length rule, checking a sign-in (unknown accounts cost the
//! same time as wrong passwords) and creating accounts with a password.

use crate::db::{write_tx, DbConnection};
use crate::error::ApiError;
use crate::schema::accounts;
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use chrono::Utc;
use diesel::prelude::*;
use shared::auth::{Account, Role};
use shared::Email;

pub const MIN_PASSWORD_CHARS: usize = 10;
pub fn hash_password(password: &str) -> Result<String, ApiError> {
    Argon2::default()
        .hash_password(password.as_bytes(), &SaltString::generate(&mut OsRng))
        .map(|h| h.to_string())
        .map_err(ApiError::internal)
}

/// Verifies against `hash`, or against a dummy hash when there is no account, so that an unknown
/// account costs the same time as a wrong password.
fn password_matches(password: &str, hash: Option<&str>) -> bool {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let dummy =
        DUMMY.get_or_init(|| hash_password("no account has this password").unwrap_or_default());
    let Ok(parsed) = PasswordHash::new(hash.unwrap_or(dummy)) else {
        return false;
    };
    Argon2::default()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok()
        && hash.is_some()
}

pub fn check_password_rules(password: &str) -> Result<(), ApiError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(ApiError::field(
            "password",
            "too_short",
            format!("Das Passwort muss mindestens {MIN_PASSWORD_CHARS} Zeichen lang sein."),
        ));
    }
    Ok(())
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = accounts)]
struct AccountRow {
    id: i64,
    email: String,
    display_name: String,
    password_hash: String,
    role: Role,
    person_id: Option<i64>,
}

impl AccountRow {
    fn into_account(self) -> Account {
        Account {
            id: self.id,
            email: self.email,
            display_name: self.display_name,
            role: self.role,
            person_id: self.person_id,
        }
    }
}

/// Checks the credentials; unknown account and wrong password fail alike.
pub fn authenticate(
    conn: &mut DbConnection,
    email: &str,
    password: &str,
) -> Result<Account, ApiError> {
    let email = email.trim().to_lowercase();
    let row: Option<AccountRow> = accounts::table
        .filter(accounts::email.eq(&email))
        .select(AccountRow::as_select())
        .first(conn)
        .optional()?;
    if password_matches(password, row.as_ref().map(|r| r.password_hash.as_str())) {
        Ok(row
            .map(AccountRow::into_account)
            .ok_or(ApiError::InvalidCredentials)?)
    } else {
        Err(ApiError::InvalidCredentials)
    }
}

/// Creates an account, or sets the password and role of an existing one with that e-mail.
pub fn upsert_account(
    conn: &mut DbConnection,
    email: &Email,
    display_name: &str,
    password: &str,
    role: Role,
) -> Result<i64, ApiError> {
    check_password_rules(password)?;
    let hash = hash_password(password)?;
    let email = email.as_str().to_lowercase();
    write_tx(conn, |conn| {
        let updated = diesel::update(accounts::table.filter(accounts::email.eq(&email)))
            .set((
                accounts::password_hash.eq(&hash),
                accounts::role.eq(role.code()),
                accounts::display_name.eq(display_name),
            ))
            .execute(conn)?;
        if updated == 0 {
            diesel::insert_into(accounts::table)
                .values((
                    accounts::email.eq(&email),
                    accounts::display_name.eq(display_name),
                    accounts::password_hash.eq(&hash),
                    accounts::role.eq(role.code()),
                    accounts::created_at.eq(Utc::now().naive_utc()),
                ))
                .execute(conn)?;
        }
        Ok(accounts::table
            .filter(accounts::email.eq(&email))
            .select(accounts::id)
            .first(conn)?)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_check_needs_the_right_password_and_an_account() {
        let hash = hash_password("richtig-und-lang").unwrap();
        assert!(password_matches("richtig-und-lang", Some(&hash)));
        assert!(!password_matches("falsch-und-lang", Some(&hash)));
        assert!(!password_matches("no account has this password", None));
    }
}
