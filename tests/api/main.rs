//! Integration tests: one binary, so the crate links once.

mod cli;
mod helpers;
mod service;
mod storage;
mod test_db;
