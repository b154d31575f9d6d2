//! How the domain's words and ids are stored: each word as the text its `as_str`
//! gives (the migrations' `CHECK` constraints allow exactly those), each id as a
//! `BIGINT`. A bad value in the database is reported, not guessed at.
//!
//! The words are declared in their domain modules; this module only maps them.

use diesel::deserialize::{self, FromSql};
use diesel::pg::Pg;
use diesel::serialize::{self, IsNull, Output, ToSql};
use diesel::sql_types::{BigInt, Text};
use diesel::sqlite::Sqlite;

use super::MultiBackend;
use crate::accounts::Role;
use crate::campaigns::{CampaignState, Tlp};
use crate::ids::{AnalystId, CampaignId, InvitationId, ParticipantId, ResponseId};
use crate::invitations::InvitationState;
use crate::mail::{OutboxKind, OutboxState};
use crate::mail_texts::MailTextKind;
use crate::participants::OrganisationKind;
use crate::responses::{ActorKind, ResponseState};

/// The diesel conversions of a word stored as `Text`.
macro_rules! stored_as_text {
    ($($name:ty),+ $(,)?) => {$(
        impl ToSql<Text, MultiBackend> for $name {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, MultiBackend>) -> serialize::Result {
                out.set_value((Text, self.as_str()));
                Ok(IsNull::No)
            }
        }

        // The multi-backend binds values through each concrete backend, so
        // every word also writes itself on each of them.
        impl ToSql<Text, Pg> for $name {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
                <str as ToSql<Text, Pg>>::to_sql(self.as_str(), out)
            }
        }

        impl ToSql<Text, Sqlite> for $name {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Sqlite>) -> serialize::Result {
                <str as ToSql<Text, Sqlite>>::to_sql(self.as_str(), out)
            }
        }

        impl FromSql<Text, MultiBackend> for $name {
            fn from_sql(bytes: <MultiBackend as diesel::backend::Backend>::RawValue<'_>) -> deserialize::Result<Self> {
                let text = <String as FromSql<Text, MultiBackend>>::from_sql(bytes)?;
                Ok(text.parse()?)
            }
        }

        // And reads itself on each, for queries run on a backend's own connection
        // (`storage::on_backend`).
        impl FromSql<Text, Pg> for $name {
            fn from_sql(bytes: <Pg as diesel::backend::Backend>::RawValue<'_>) -> deserialize::Result<Self> {
                let text = <String as FromSql<Text, Pg>>::from_sql(bytes)?;
                Ok(text.parse()?)
            }
        }

        impl FromSql<Text, Sqlite> for $name {
            fn from_sql(bytes: <Sqlite as diesel::backend::Backend>::RawValue<'_>) -> deserialize::Result<Self> {
                let text = <String as FromSql<Text, Sqlite>>::from_sql(bytes)?;
                Ok(text.parse()?)
            }
        }
    )+};
}

/// The diesel conversions of an id stored as `BigInt`.
macro_rules! stored_as_bigint {
    ($($name:ident),+ $(,)?) => {$(
        impl ToSql<BigInt, MultiBackend> for $name {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, MultiBackend>) -> serialize::Result {
                out.set_value((BigInt, &self.0));
                Ok(IsNull::No)
            }
        }

        impl ToSql<BigInt, Pg> for $name {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
                <i64 as ToSql<BigInt, Pg>>::to_sql(&self.0, out)
            }
        }

        impl ToSql<BigInt, Sqlite> for $name {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Sqlite>) -> serialize::Result {
                <i64 as ToSql<BigInt, Sqlite>>::to_sql(&self.0, out)
            }
        }

        impl FromSql<BigInt, MultiBackend> for $name {
            fn from_sql(bytes: <MultiBackend as diesel::backend::Backend>::RawValue<'_>) -> deserialize::Result<Self> {
                Ok($name(<i64 as FromSql<BigInt, MultiBackend>>::from_sql(bytes)?))
            }
        }

        impl FromSql<BigInt, Pg> for $name {
            fn from_sql(bytes: <Pg as diesel::backend::Backend>::RawValue<'_>) -> deserialize::Result<Self> {
                Ok($name(<i64 as FromSql<BigInt, Pg>>::from_sql(bytes)?))
            }
        }

        impl FromSql<BigInt, Sqlite> for $name {
            fn from_sql(bytes: <Sqlite as diesel::backend::Backend>::RawValue<'_>) -> deserialize::Result<Self> {
                Ok($name(<i64 as FromSql<BigInt, Sqlite>>::from_sql(bytes)?))
            }
        }
    )+};
}

stored_as_text!(
    OrganisationKind,
    Tlp,
    CampaignState,
    InvitationState,
    ResponseState,
    ActorKind,
    OutboxKind,
    OutboxState,
    Role,
    MailTextKind,
);

stored_as_bigint!(
    CampaignId,
    ResponseId,
    InvitationId,
    ParticipantId,
    AnalystId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_reads_back_from_its_word() {
        for kind in OrganisationKind::ALL {
            assert_eq!(kind.as_str().parse::<OrganisationKind>(), Ok(*kind));
        }
        for tlp in Tlp::ALL {
            assert_eq!(tlp.as_str().parse::<Tlp>(), Ok(*tlp));
        }
        for state in CampaignState::ALL {
            assert_eq!(state.as_str().parse::<CampaignState>(), Ok(*state));
        }
        for state in ResponseState::ALL {
            assert_eq!(state.as_str().parse::<ResponseState>(), Ok(*state));
        }
        for kind in ActorKind::ALL {
            assert_eq!(kind.as_str().parse::<ActorKind>(), Ok(*kind));
        }
        for kind in OutboxKind::ALL {
            assert_eq!(kind.as_str().parse::<OutboxKind>(), Ok(*kind));
        }
        for state in OutboxState::ALL {
            assert_eq!(state.as_str().parse::<OutboxState>(), Ok(*state));
        }
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(*role));
        }
        for kind in MailTextKind::ALL {
            assert_eq!(kind.as_str().parse::<MailTextKind>(), Ok(*kind));
        }
    }

    #[test]
    fn unknown_words_are_named_in_the_error() {
        let err = "amber".parse::<Tlp>().err().map(|e| e.to_string());
        assert_eq!(err.as_deref(), Some("\"amber\" is not a valid TLP label"));
    }
}
