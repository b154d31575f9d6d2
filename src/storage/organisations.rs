//! Organisations: the CSIRTs, law enforcement agencies and judicial bodies that
//! participants answer for. One row per name, country and kind.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::organisations;
use super::{DbConn, StorageError};
use crate::participants::OrganisationKind;

/// A stored organisation.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = organisations)]
pub struct Organisation {
    pub id: i64,
    pub name: String,
    pub kind: OrganisationKind,
    /// ISO 3166-1 alpha-2, upper case (the database refuses anything else).
    pub country: String,
    pub created_at: NaiveDateTime,
}

/// An organisation to find or create.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewOrganisation<'a> {
    pub name: &'a str,
    pub kind: OrganisationKind,
    /// ISO 3166-1 alpha-2, upper case, e.g. "DE".
    pub country: &'a str,
}

#[derive(Insertable)]
#[diesel(table_name = organisations)]
struct OrganisationRow<'a> {
    name: &'a str,
    kind: OrganisationKind,
    country: &'a str,
    created_at: NaiveDateTime,
}

/// Returns the organisation with this name, country and kind, creating it if
/// there is none. Safe against a concurrent creator of the same organisation.
pub fn find_or_create_organisation(
    conn: &mut DbConn,
    new: &NewOrganisation<'_>,
) -> Result<Organisation, StorageError> {
    if let Some(found) = find_organisation(conn, new)? {
        return Ok(found);
    }
    let row = OrganisationRow {
        name: new.name,
        kind: new.kind,
        country: new.country,
        created_at: super::now(),
    };
    // The insert runs in its own (nested) transaction so that losing a race on
    // the unique key rolls back only the insert, even inside a caller's
    // transaction on PostgreSQL; the winner's row is then read below.
    let inserted = crate::storage::write_transaction(conn, |conn| {
        diesel::insert_into(organisations::table)
            .values(&row)
            .execute(conn)
            .map_err(StorageError::from)
    });
    match inserted {
        Ok(_) => {}
        Err(e) if e.is_unique_violation() => {}
        Err(e) => return Err(e),
    }
    find_organisation(conn, new)?.ok_or_else(|| {
        StorageError::not_found(
            "organisation",
            format!("{} ({}, {})", new.name, new.country, new.kind),
        )
    })
}

/// The organisation with this name, country and kind, if stored.
pub fn find_organisation(
    conn: &mut DbConn,
    key: &NewOrganisation<'_>,
) -> Result<Option<Organisation>, StorageError> {
    Ok(organisations::table
        .filter(organisations::name.eq(key.name))
        .filter(organisations::country.eq(key.country))
        .filter(organisations::kind.eq(key.kind))
        .select(Organisation::as_select())
        .first(conn)
        .optional()?)
}

/// The organisation with this id.
pub fn get_organisation(conn: &mut DbConn, id: i64) -> Result<Organisation, StorageError> {
    organisations::table
        .find(id)
        .select(Organisation::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| StorageError::not_found("organisation", id))
}

/// Every organisation, by country, kind and name.
pub fn list_organisations(conn: &mut DbConn) -> Result<Vec<Organisation>, StorageError> {
    Ok(organisations::table
        .order((
            organisations::country,
            organisations::kind,
            organisations::name,
        ))
        .select(Organisation::as_select())
        .load(conn)?)
}
