//! Every word table of the interface, so the tests can hold the word files to them.

use super::format::FormatWords;
use crate::mail::MailWords;
use crate::reports::labels::MeasureWords;
use crate::survey::problems::ProblemWords;
use crate::web::pages::error_pages::ErrorPageWords;
use crate::web::pages::i18n::{TlpWords, Ui};
use crate::web::pages::peer::words::PeerWords;
use crate::web::pages::survey::delegation_words::DelegationWords;
use crate::web::pages::survey::evidence_words::{EvidenceMessages, EvidenceWords};
use crate::web::pages::survey::gap_sharing::SharingWords;
use crate::web::pages::survey::mapped_view::MappedWords;
use crate::web::pages::survey::review_words::ReviewWords;
use crate::web::pages::survey::round_words::RoundWords;
use crate::web::security::pages::RefusalPageWords;

/// The keys of every text the interface reads, table by table.
pub fn all_keys() -> Vec<&'static str> {
    [
        Ui::KEYS,
        EvidenceWords::KEYS,
        DelegationWords::KEYS,
        ReviewWords::KEYS,
        RoundWords::KEYS,
        PeerWords::KEYS,
        TlpWords::KEYS,
        EvidenceMessages::KEYS,
        ProblemWords::KEYS,
        FormatWords::KEYS,
        RefusalPageWords::KEYS,
        ErrorPageWords::KEYS,
        MeasureWords::KEYS,
        MailWords::KEYS,
        SharingWords::KEYS,
        MappedWords::KEYS,
    ]
    .concat()
}
