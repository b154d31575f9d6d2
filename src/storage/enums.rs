//! The enumerated text columns as Rust enums that read and write themselves.
//!
//! Each is stored as the lower- or upper-case word the migrations' `CHECK`
//! constraints allow, so a typo cannot reach the database and a bad value in
//! the database is reported, not guessed at.

use std::fmt;
use std::str::FromStr;

use diesel::deserialize::{self, FromSql};
use diesel::pg::Pg;
use diesel::serialize::{self, IsNull, Output, ToSql};
use diesel::sql_types::Text;
use diesel::sqlite::Sqlite;

use super::MultiBackend;

/// A word that is not one of an enum's values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{value:?} is not a valid {what}")]
pub struct UnknownValue {
    /// What was being read, e.g. "TLP label".
    pub what: &'static str,
    /// The word found.
    pub value: String,
}

/// Defines a `Copy` enum stored as `Text`, with `as_str`, `FromStr`, `Display`
/// and the diesel conversions.
macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident, $what:literal, { $($(#[$vmeta:meta])* $variant:ident => $text:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, diesel::expression::AsExpression, diesel::deserialize::FromSqlRow)]
        #[diesel(sql_type = Text)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The word stored in the database.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }
        }

        impl FromStr for $name {
            type Err = UnknownValue;

            fn from_str(s: &str) -> Result<Self, UnknownValue> {
                match s {
                    $($text => Ok($name::$variant),)+
                    _ => Err(UnknownValue { what: $what, value: s.to_owned() }),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ToSql<Text, MultiBackend> for $name {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, MultiBackend>) -> serialize::Result {
                out.set_value((Text, self.as_str()));
                Ok(IsNull::No)
            }
        }

        // The multi-backend binds values through each concrete backend, so
        // every enum also writes itself on each of them.
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
    };
}

text_enum!(
    /// What kind of body an organisation is; also the audience a questionnaire
    /// is sent to, since each kind answers its own questionnaire.
    OrganisationKind, "organisation kind", {
        /// A computer security incident response team.
        Csirt => "csirt",
        /// A law enforcement agency.
        Lea => "lea",
        /// A court, prosecutor's office or other judicial body.
        Judiciary => "judiciary",
    }
);

text_enum!(
    /// The Traffic Light Protocol label stamped on a campaign's results.
    Tlp, "TLP label", {
        /// Anyone may see it.
        Clear => "CLEAR",
        /// The community, not the public.
        Green => "GREEN",
        /// The recipients' organisations, need to know.
        Amber => "AMBER",
        /// Named recipients only.
        Red => "RED",
    }
);

text_enum!(
    /// Whether a campaign still accepts responses.
    CampaignState, "campaign state", {
        /// Accepting responses.
        Open => "open",
        /// Closed; responses are final.
        Closed => "closed",
    }
);

text_enum!(
    /// Where an invitation stands.
    InvitationState, "invitation state", {
        /// Created; its mail waits in the outbox.
        Pending => "pending",
        /// Its mail went out.
        Sent => "sent",
        /// Withdrawn; its link no longer opens anything.
        Revoked => "revoked",
    }
);

text_enum!(
    /// Whether a response can still change.
    ResponseState, "response state", {
        /// Being filled in.
        Draft => "draft",
        /// Submitted; immutable.
        Submitted => "submitted",
    }
);

text_enum!(
    /// What a mail in the outbox is for.
    OutboxKind, "outbox mail kind", {
        /// The first mail to a participant, with their personal link.
        Invitation => "invitation",
        /// A later nudge to a participant who has not submitted.
        Reminder => "reminder",
        /// The confirmation that a response was submitted.
        Receipt => "receipt",
    }
);

text_enum!(
    /// Where a mail in the outbox stands.
    OutboxState, "outbox mail state", {
        /// Waiting for its next attempt.
        Pending => "pending",
        /// Claimed by a worker, which holds it until its lease runs out.
        Sending => "sending",
        /// Accepted by the SMTP server.
        Sent => "sent",
        /// Given up on; kept so someone can see why.
        Failed => "failed",
    }
);

text_enum!(
    /// What an analyst account may do.
    Role, "analyst role", {
        /// Manages analyst accounts and sees every campaign.
        Admin => "admin",
        /// Sees the campaigns assigned to them.
        Analyst => "analyst",
    }
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
        for kind in OutboxKind::ALL {
            assert_eq!(kind.as_str().parse::<OutboxKind>(), Ok(*kind));
        }
        for state in OutboxState::ALL {
            assert_eq!(state.as_str().parse::<OutboxState>(), Ok(*state));
        }
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(*role));
        }
    }

    #[test]
    fn unknown_words_are_named_in_the_error() {
        let err = "amber".parse::<Tlp>().err().map(|e| e.to_string());
        assert_eq!(err.as_deref(), Some("\"amber\" is not a valid TLP label"));
    }
}
