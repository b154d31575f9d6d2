//! Integration tests: one binary, so the crate links once.

mod browser;
mod campaigns;
mod cli;
mod helpers;
mod mail;
mod participants;
mod service;
mod smtp;
mod storage;
mod test_db;
