//! Ids that cross layers, as their own types, so a response id cannot be passed where
//! a campaign id is meant. Storage maps each to a `BIGINT` column (see
//! `storage::enums`); on the wire each is the plain number.

use std::fmt;
use std::str::FromStr;

/// Declares an id newtype over `i64`.
macro_rules! id_type {
    ($($(#[$meta:meta])* $name:ident;)+) => {$(
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize,
            diesel::expression::AsExpression, diesel::deserialize::FromSqlRow,
        )]
        #[serde(transparent)]
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        pub struct $name(pub i64);

        impl $name {
            /// The number as stored.
            pub fn get(self) -> i64 {
                self.0
            }
        }

        impl From<i64> for $name {
            fn from(id: i64) -> Self {
                $name(id)
            }
        }

        impl From<$name> for i64 {
            fn from(id: $name) -> i64 {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = std::num::ParseIntError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse().map($name)
            }
        }
    )+};
}

id_type! {
    /// A campaign.
    CampaignId;
    /// A response to a campaign's questionnaire.
    ResponseId;
    /// An invitation, the link a participant answers through.
    InvitationId;
    /// A participant of a campaign.
    ParticipantId;
    /// An analyst account.
    AnalystId;
    /// Sections of a response handed by its contact to a colleague.
    DelegationId;
}
