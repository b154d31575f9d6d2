//! Integration tests: one binary, so the crate links once.

mod accounts;
mod api_auth;
mod browser;
mod campaigns;
mod cli;
mod csrf_key;
mod dashboard;
mod downloads;
mod error_pages;
mod helpers;
mod link_lookup;
mod logs;
mod mail;
mod openapi;
mod participants;
mod rate_limits;
mod report_builds;
mod reports;
mod respondent;
mod security;
mod service;
mod smtp;
mod storage;
mod suppression;
mod survey;
mod test_db;
