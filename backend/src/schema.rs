//! Table definitions, written for both databases (the migrations under `migrations/` match).

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

diesel::joinable!(municipalities -> districts (district_key));
diesel::joinable!(organisations -> municipalities (municipality_ags));
diesel::joinable!(organisation_fields -> organisations (organisation_id));
diesel::joinable!(organisation_fields -> fields_of_activity (field_id));
diesel::joinable!(organisation_roles -> organisations (organisation_id));

diesel::allow_tables_to_appear_in_same_query!(
    settings,
    accounts,
    fields_of_activity,
    districts,
    municipalities,
    organisations,
    organisation_fields,
    organisation_roles,
);
