//! The words of peer review on the respondent's result page (consent, and the levels side
//! by side), in every language the respondent pages speak; analysts' and peers' pages
//! take the English ones.

/// The fixed texts of peer review.
pub struct PeerWords {
    pub consent_heading: &'static str,
    pub consent_intro: &'static str,
    /// The consent itself, the button's words.
    pub consent_button: &'static str,
    pub consent_given: &'static str,
    pub withdraw_button: &'static str,
    pub consent_in_use: &'static str,
    pub comparison_heading: &'static str,
    pub comparison_intro: &'static str,
    pub parameter: &'static str,
    pub own: &'static str,
    pub peer: &'static str,
    pub agreed: &'static str,
    pub tier: &'static str,
    pub not_given: &'static str,
}

const EN: PeerWords = PeerWords {
    consent_heading: "Peer review",
    consent_intro: "Your campaign's organisers may ask a team of another country to review your self-assessment: to read your answers and evidence and say, per parameter, which level they find supported. Nothing is shown to a peer without your agreement.",
    consent_button: "I agree that these peers may see my answers and evidence",
    consent_given: "You agreed that peers may see your answers and evidence.",
    withdraw_button: "Take my agreement back",
    consent_in_use: "A peer has been given your response, so the agreement stays.",
    comparison_heading: "Self-assessed and peer-assessed levels",
    comparison_intro: "Per parameter, the level you gave, the level the peers found supported by the evidence and, once recorded, the level agreed afterwards; the last row gives the tier each set of levels reaches. Reports use the agreed level where there is one.",
    parameter: "Parameter",
    own: "Self-assessed",
    peer: "Peer-assessed",
    agreed: "Agreed",
    tier: "Tier",
    not_given: "–",
};

const DE: PeerWords = PeerWords {
    consent_heading: "Peer-Review",
    consent_intro: "Die Veranstalter Ihrer Kampagne können ein Team aus einem anderen Land bitten, Ihre Selbstbewertung zu prüfen: Ihre Antworten und Nachweise zu lesen und je Parameter zu sagen, welche Stufe sie für belegt halten. Ohne Ihre Zustimmung sieht kein Peer etwas.",
    consent_button: "Ich stimme zu, dass diese Peers meine Antworten und Nachweise sehen dürfen",
    consent_given: "Sie haben zugestimmt, dass Peers Ihre Antworten und Nachweise sehen dürfen.",
    withdraw_button: "Meine Zustimmung zurücknehmen",
    consent_in_use: "Ein Peer hat Ihre Antwort bereits erhalten; die Zustimmung bleibt daher bestehen.",
    comparison_heading: "Selbst und von Peers bewertete Stufen",
    comparison_intro: "Je Parameter die Stufe, die Sie angegeben haben, die Stufe, die die Peers durch die Nachweise belegt sehen, und, sobald erfasst, die danach vereinbarte Stufe; die letzte Zeile nennt die Stufe (Tier), die jede Reihe erreicht. Berichte verwenden die vereinbarte Stufe, wo es eine gibt.",
    parameter: "Parameter",
    own: "Selbstbewertung",
    peer: "Peer-Bewertung",
    agreed: "Vereinbart",
    tier: "Tier",
    not_given: "–",
};

/// The words in `language`; English for any language without its own.
pub fn peer_words(language: &str) -> &'static PeerWords {
    match language {
        "de" => &DE,
        _ => &EN,
    }
}
