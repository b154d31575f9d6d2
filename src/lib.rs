//! Liaison: maturity and cooperation questionnaires for CSIRTs, law enforcement and the judiciary.
//!
//! Dependencies point inward: `web` and `cli` use `storage`, which knows the
//! `questionnaire` types; `scoring` is pure and knows only `questionnaire`.

pub mod accounts;
pub mod audit;
pub mod campaigns;
pub mod cli;
pub mod config;
pub mod delegations;
pub mod demo;
pub mod disclosure;
pub mod evidence;
pub mod ids;
pub mod invitations;
pub mod locale;
pub mod mail;
pub mod mail_texts;
pub mod paging;
pub mod participants;
pub mod peer_review;
pub mod problems;
pub mod questionnaire;
pub mod reports;
pub mod responses;
pub mod retention;
pub mod rounds;
pub mod scoring;
pub mod startup;
pub mod storage;
pub mod survey;
pub mod telemetry;
pub mod text;
pub mod translation;
pub mod web;
pub mod words;
