//! Integration tests: one binary, so the crate links once.

mod accounts;
mod browser;
mod campaigns;
mod cli;
mod crash;
mod dashboard;
mod downloads;
mod helpers;
mod mail;
mod openapi;
mod participants;
mod reports;
mod respondent;
mod security;
mod service;
mod settings;
mod smtp;
mod storage;
mod suppression;
mod survey;
mod test_db;
