//! Table definitions, written for both databases (the migrations under `migrations/` match).

diesel::table! {
    accompaniment_attendance (meeting_id, enrolment_id) {
        meeting_id -> BigInt,
        enrolment_id -> BigInt,
    }
}

diesel::table! {
    accompaniment_meetings (id) {
        id -> BigInt,
        course_id -> BigInt,
        meeting_date -> Date,
        place -> Nullable<Text>,
        topic -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    certificate_profiles (organisation_id) {
        organisation_id -> BigInt,
        signatory_name -> Nullable<Text>,
        signatory_role -> Nullable<Text>,
        logo_media_type -> Nullable<Text>,
        logo -> Nullable<Binary>,
        version -> BigInt,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    settings (key) {
        key -> Text,
        value -> Text,
    }
}

diesel::table! {
    accounts (id) {
        id -> BigInt,
        email -> Text,
        display_name -> Text,
        password_hash -> Text,
        role -> Text,
        created_at -> Timestamp,
        person_id -> Nullable<BigInt>,
        version -> BigInt,
    }
}

diesel::table! {
    account_areas (account_id, area) {
        account_id -> BigInt,
        area -> Text,
    }
}

diesel::table! {
    invitations (id) {
        id -> BigInt,
        token_hash -> Text,
        email -> Text,
        display_name -> Text,
        role -> Text,
        person_id -> Nullable<BigInt>,
        areas -> Text,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        accepted_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    auth_sessions (id) {
        id -> Text,
        account_id -> BigInt,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    password_resets (token_hash) {
        token_hash -> Text,
        account_id -> BigInt,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    mail_outbox (id) {
        id -> BigInt,
        recipient -> Text,
        subject -> Text,
        body -> Text,
        created_at -> Timestamp,
        event -> Nullable<Text>,
        state -> Text,
        attempts -> Integer,
        next_attempt_at -> Nullable<Timestamp>,
        claimed_until -> Nullable<Timestamp>,
        sent_at -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        attachment_name -> Nullable<Text>,
        attachment -> Nullable<Text>,
    }
}

diesel::table! {
    registrations (id) {
        id -> BigInt,
        course_id -> BigInt,
        given_name -> Text,
        family_name -> Text,
        email -> Text,
        municipality_ags -> Text,
        phone -> Nullable<Text>,
        motivation -> Nullable<Text>,
        language -> Text,
        consent_text_version -> Text,
        consented_at -> Timestamp,
        state -> Text,
        confirm_token_hash -> Nullable<Text>,
        confirm_expires_at -> Timestamp,
        status_token_hash -> Nullable<Text>,
        confirmed_at -> Nullable<Timestamp>,
        person_id -> Nullable<BigInt>,
        enrolment_id -> Nullable<BigInt>,
        review -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    rate_counters (key) {
        key -> Text,
        hits -> Integer,
        window_start -> Timestamp,
    }
}

diesel::table! {
    audit_log (id) {
        id -> BigInt,
        at -> Timestamp,
        account_id -> Nullable<BigInt>,
        action -> Text,
        route -> Text,
        record -> Nullable<Text>,
        status -> Integer,
        client_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    erasure_requests (person_id) {
        person_id -> BigInt,
        requested_at -> Timestamp,
        account_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    api_clients (id) {
        id -> BigInt,
        name -> Text,
        organisation -> Nullable<Text>,
        scopes -> Text,
        secret_hash -> Text,
        secret_version -> Integer,
        rate_limit -> Integer,
        created_at -> Timestamp,
        created_by -> Nullable<BigInt>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    fields_of_activity (id) {
        id -> BigInt,
        name_de -> Text,
        name_en -> Text,
        retired -> Bool,
        version -> BigInt,
    }
}

diesel::table! {
    districts (key) {
        key -> Text,
        name -> Text,
        kind -> Text,
    }
}

diesel::table! {
    municipalities (ags) {
        ags -> Text,
        name -> Text,
        sort_name -> Text,
        kind -> Text,
        district_key -> Text,
        postal_code -> Nullable<Text>,
        population -> Nullable<BigInt>,
    }
}

diesel::table! {
    organisations (id) {
        id -> BigInt,
        kind -> Text,
        name -> Text,
        sort_name -> Text,
        street -> Nullable<Text>,
        postal_code -> Nullable<Text>,
        city -> Nullable<Text>,
        municipality_ags -> Nullable<Text>,
        contact_name -> Nullable<Text>,
        contact_email -> Nullable<Text>,
        contact_phone -> Nullable<Text>,
        website -> Nullable<Text>,
        search_text -> Text,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    organisation_fields (organisation_id, field_id) {
        organisation_id -> BigInt,
        field_id -> BigInt,
    }
}

diesel::table! {
    organisation_roles (organisation_id, role) {
        organisation_id -> BigInt,
        role -> Text,
    }
}

diesel::table! {
    tandem_applications (id) {
        id -> BigInt,
        course_id -> BigInt,
        municipality_ags -> Text,
        planned_start -> Date,
        planned_end -> Date,
        venue -> Text,
        employer -> Nullable<Text>,
        motivation -> Nullable<Text>,
        language -> Text,
        consent_text_version -> Text,
        state -> Text,
        confirm_expires_at -> Timestamp,
        local_course_id -> Nullable<BigInt>,
        decision_reason -> Nullable<Text>,
        decided_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    tandem_applicants (application_id, kind) {
        application_id -> BigInt,
        kind -> Text,
        given_name -> Text,
        family_name -> Text,
        email -> Text,
        phone -> Nullable<Text>,
        consented_at -> Timestamp,
        confirm_token_hash -> Nullable<Text>,
        confirmed_at -> Nullable<Timestamp>,
        person_id -> Nullable<BigInt>,
    }
}

diesel::joinable!(registrations -> courses (course_id));
diesel::joinable!(tandem_applicants -> tandem_applications (application_id));
diesel::joinable!(accompaniment_attendance -> accompaniment_meetings (meeting_id));
diesel::joinable!(accompaniment_attendance -> enrolments (enrolment_id));
diesel::joinable!(accompaniment_meetings -> courses (course_id));
diesel::joinable!(certificate_profiles -> organisations (organisation_id));
diesel::joinable!(municipalities -> districts (district_key));
diesel::joinable!(organisations -> municipalities (municipality_ags));
diesel::joinable!(organisation_fields -> organisations (organisation_id));
diesel::joinable!(organisation_fields -> fields_of_activity (field_id));
diesel::joinable!(organisation_roles -> organisations (organisation_id));

diesel::table! {
    people (id) {
        id -> BigInt,
        given_name -> Text,
        family_name -> Text,
        sort_name -> Text,
        search_text -> Text,
        email -> Nullable<Text>,
        phone -> Nullable<Text>,
        street -> Nullable<Text>,
        postal_code -> Nullable<Text>,
        city -> Nullable<Text>,
        municipality_ags -> Nullable<Text>,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        erased_on -> Nullable<Date>,
        name_key -> Text,
    }
}

diesel::table! {
    person_languages (person_id, language) {
        person_id -> BigInt,
        language -> Text,
    }
}

diesel::table! {
    listing_keys (facet, sort_name, person_id) {
        facet -> Text,
        sort_name -> Text,
        person_id -> BigInt,
    }
}

// A view (migration 000031): the publication and coverage generations.
diesel::table! {
    publication_generations (listing) {
        listing -> BigInt,
        coverage -> BigInt,
    }
}

diesel::table! {
    mentors (person_id) {
        person_id -> BigInt,
        status -> Text,
        status_since -> Timestamp,
        activity_profile -> Nullable<Text>,
        availability -> Nullable<Text>,
        consent -> Text,
        consent_at -> Nullable<Timestamp>,
        consent_text_version -> Nullable<Text>,
        listed -> Bool,
        public_modified_at -> Timestamp,
        sort_name -> Text,
    }
}

diesel::table! {
    mentor_status_history (id) {
        id -> BigInt,
        person_id -> BigInt,
        status -> Text,
        changed_at -> Timestamp,
        valid_until -> Nullable<Timestamp>,
    }
}

diesel::table! {
    consent_history (id) {
        id -> BigInt,
        person_id -> BigInt,
        level -> Text,
        text_version -> Text,
        recorded_at -> Timestamp,
        recorded_by -> Nullable<BigInt>,
    }
}

diesel::table! {
    mentor_fields (person_id, field_id) {
        person_id -> BigInt,
        field_id -> BigInt,
    }
}

diesel::table! {
    mentor_municipalities (person_id, municipality_ags) {
        person_id -> BigInt,
        municipality_ags -> Text,
    }
}

diesel::table! {
    mentor_organisations (person_id, organisation_id) {
        person_id -> BigInt,
        organisation_id -> BigInt,
    }
}

diesel::table! {
    mentor_tags (person_id, kind, tag) {
        person_id -> BigInt,
        kind -> Text,
        tag -> Text,
    }
}

diesel::table! {
    trainers (person_id) {
        person_id -> BigInt,
        kind -> Text,
        employer_organisation_id -> Nullable<BigInt>,
        qualified_since -> Nullable<Date>,
        tandem_partner_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    courses (id) {
        id -> BigInt,
        kind -> Text,
        title -> Text,
        description -> Nullable<Text>,
        status -> Text,
        venue_name -> Nullable<Text>,
        venue_address -> Nullable<Text>,
        venue_organisation_id -> Nullable<BigInt>,
        municipality_ags -> Nullable<Text>,
        provider_organisation_id -> Nullable<BigInt>,
        commissioning_organisation_id -> Nullable<BigInt>,
        funder_organisation_id -> Nullable<BigInt>,
        required_hours -> Double,
        capacity -> BigInt,
        registration_deadline -> Nullable<Date>,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        completed_on -> Nullable<Date>,
        completion_reason -> Nullable<Text>,
    }
}

diesel::table! {
    course_trainers (course_id, person_id) {
        course_id -> BigInt,
        person_id -> BigInt,
    }
}

diesel::table! {
    course_topics (course_id, position) {
        course_id -> BigInt,
        position -> BigInt,
        topic -> Text,
    }
}

diesel::table! {
    course_sessions (id) {
        id -> BigInt,
        course_id -> BigInt,
        session_date -> Nullable<Date>,
        start_time -> Nullable<Time>,
        end_time -> Nullable<Time>,
        topic -> Nullable<Text>,
        room -> Nullable<Text>,
    }
}

diesel::table! {
    enrolments (id) {
        id -> BigInt,
        course_id -> BigInt,
        person_id -> BigInt,
        status -> Text,
        tandem_partner_id -> Nullable<BigInt>,
        local_course_id -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    attendance (enrolment_id, session_id) {
        enrolment_id -> BigInt,
        session_id -> BigInt,
        status -> Text,
        hours -> Nullable<Double>,
    }
}

diesel::table! {
    certificates (id) {
        id -> BigInt,
        serial -> Text,
        verification_code -> Text,
        enrolment_id -> BigInt,
        person_id -> BigInt,
        course_id -> BigInt,
        course_kind -> Text,
        holder_name -> Text,
        course_title -> Text,
        first_date -> Nullable<Date>,
        last_date -> Nullable<Date>,
        place -> Nullable<Text>,
        hours -> Double,
        topics -> Text,
        provider -> Nullable<Text>,
        issued_on -> Date,
        issued_at -> Timestamp,
        issued_by -> Nullable<BigInt>,
        revoked_on -> Nullable<Date>,
        revocation_reason -> Nullable<Text>,
    }
}

diesel::table! {
    publication_state (id) {
        id -> Integer,
        generation -> BigInt,
        last_change -> Timestamp,
        coverage_generation -> BigInt,
    }
}

diesel::table! {
    public_entries (person_id) {
        person_id -> BigInt,
        modified_at -> Timestamp,
        entry -> Text,
    }
}

diesel::table! {
    public_tombstones (person_id, deleted_at) {
        person_id -> BigInt,
        deleted_at -> Timestamp,
    }
}

diesel::joinable!(people -> municipalities (municipality_ags));
diesel::joinable!(mentors -> people (person_id));
diesel::joinable!(trainers -> people (person_id));
diesel::joinable!(person_languages -> people (person_id));
diesel::joinable!(mentor_fields -> people (person_id));
diesel::joinable!(mentor_fields -> fields_of_activity (field_id));
diesel::joinable!(mentor_municipalities -> people (person_id));
diesel::joinable!(mentor_municipalities -> municipalities (municipality_ags));
diesel::joinable!(mentor_organisations -> people (person_id));
diesel::joinable!(mentor_tags -> people (person_id));
diesel::joinable!(mentor_status_history -> people (person_id));
diesel::joinable!(consent_history -> people (person_id));

diesel::joinable!(course_sessions -> courses (course_id));
diesel::joinable!(course_trainers -> courses (course_id));
diesel::joinable!(course_topics -> courses (course_id));

diesel::joinable!(enrolments -> people (person_id));
diesel::joinable!(enrolments -> courses (course_id));
diesel::joinable!(erasure_requests -> people (person_id));
diesel::joinable!(attendance -> course_sessions (session_id));

diesel::allow_tables_to_appear_in_same_query!(
    accompaniment_attendance,
    accompaniment_meetings,
    certificate_profiles,
    attendance,
    certificates,
    enrolments,
    erasure_requests,
    courses,
    course_trainers,
    course_topics,
    course_sessions,
    people,
    person_languages,
    mentors,
    listing_keys,
    mentor_status_history,
    consent_history,
    mentor_fields,
    mentor_municipalities,
    mentor_organisations,
    mentor_tags,
    trainers,
    public_entries,
    public_tombstones,
    settings,
    accounts,
    account_areas,
    api_clients,
    invitations,
    audit_log,
    auth_sessions,
    rate_counters,
    mail_outbox,
    registrations,
    tandem_applications,
    tandem_applicants,
    password_resets,
    fields_of_activity,
    districts,
    municipalities,
    organisations,
    organisation_fields,
    organisation_roles,
);
