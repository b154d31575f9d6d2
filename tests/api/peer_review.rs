//! Peer review on every backend: accounts, consent, giving a response to peers, peer and
//! agreed levels, and every refusal the rules name.

mod access;
mod http;
mod reports;
mod rules;
