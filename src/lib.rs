//! Liaison: maturity and cooperation questionnaires for CSIRTs, law enforcement and the judiciary.
//!
//! Dependencies point inward: `web` and `cli` use `storage`, which knows the
//! `questionnaire` types; `scoring` is pure and knows only `questionnaire`.

/// Every binary built on the library (the service, its tests and benchmarks) allocates
/// through mimalloc: its per-thread free lists serve the many small, short-lived values of
/// a request without glibc's bin consolidation, which took a sixth of a page save.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
