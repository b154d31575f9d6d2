//! One SMTP connection kept open for many mails, on lettre's SMTP client.
//!
//! Not lettre's `SmtpTransport`: it writes a mail's content and the closing
//! `CRLF.CRLF` as two writes on a socket with Nagle's algorithm on, and its
//! sockets cannot be reached to turn that off. The kernel then holds the five
//! closing bytes until the server acknowledges the content, which a server
//! delays by up to 40 ms: some 22 mails a second on one connection. Here the
//! content and its end leave in one write, and so does each group of commands.
//!
//! A server that offers PIPELINING gets a mail's commands in one write, and
//! its content together with the next mail's commands (`pipeline.rs`). Opening
//! a connection, and the deadlines every step keeps, are in `connection.rs`.

use std::time::Instant;

use lettre::address::Envelope;
use lettre::transport::smtp::client::SmtpConnection;
use lettre::transport::smtp::commands::{Data, Mail, Rcpt};
use lettre::transport::smtp::extension::{Extension, MailBodyParameter, MailParameter};

use super::SendError;
use super::connection::{Connection, SEND_DEADLINE, SmtpServer};
use super::mailer::classify;

/// A mail as it goes on the wire: its envelope and its formatted message.
pub(crate) struct Wire {
    pub(crate) envelope: Envelope,
    pub(crate) message: Vec<u8>,
}

/// A connection to `server`, opened at the first mail and reopened after a
/// failure; closed with QUIT when dropped.
pub(crate) struct SmtpSession<'s> {
    server: &'s SmtpServer,
    pub(super) conn: Option<Connection>,
}

impl<'s> SmtpSession<'s> {
    pub(crate) fn new(server: &'s SmtpServer) -> SmtpSession<'s> {
        SmtpSession { server, conn: None }
    }

    /// Sends the mails of `mails` in order (an `Err` is that mail's outcome as it
    /// stands), each within [`SEND_DEADLINE`] of its start, for as long as
    /// `may_start` lets the next one start. Returns the outcomes of those started.
    pub(crate) fn send_all(
        &mut self,
        mails: &[Result<Wire, SendError>],
        may_start: &mut dyn FnMut(usize) -> bool,
    ) -> Vec<Result<(), SendError>> {
        let mut results = Vec::with_capacity(mails.len());
        while results.len() < mails.len() && may_start(results.len()) {
            let wire = match &mails[results.len()] {
                Ok(wire) => wire,
                Err(error) => {
                    results.push(Err(error.clone()));
                    continue;
                }
            };
            let deadline = Instant::now() + SEND_DEADLINE;
            let pipelining = match self.connection(deadline) {
                Ok(conn) => conn.pipelining,
                Err(error) => {
                    results.push(Err(error));
                    continue;
                }
            };
            if pipelining {
                self.pipeline(mails, &mut results, deadline, may_start);
            } else {
                let result = self.transaction(wire, deadline);
                if result.is_err() {
                    self.abort();
                }
                results.push(result);
            }
        }
        results
    }

    /// The open connection, or a new one.
    pub(super) fn connection(&mut self, deadline: Instant) -> Result<&mut Connection, SendError> {
        match &mut self.conn {
            Some(conn) => Ok(conn),
            empty => Ok(empty.insert(self.server.connect(deadline)?)),
        }
    }

    /// Closes the connection after a failure, when its state is unknown: the
    /// next mail starts afresh.
    pub(super) fn abort(&mut self) {
        if let Some(mut conn) = self.conn.take() {
            conn.smtp.abort();
        }
    }

    /// One mail, each command waiting for its reply.
    fn transaction(&mut self, wire: &Wire, deadline: Instant) -> Result<(), SendError> {
        let content = data_content(&wire.message)?;
        let conn = self.connection(deadline)?;
        for command in envelope_commands(&conn.smtp, wire)? {
            conn.limit(deadline)?;
            conn.smtp.command(command).map_err(classify)?;
        }
        conn.limit(deadline)?;
        conn.smtp.command(content).map_err(classify)?;
        Ok(())
    }
}

impl Drop for SmtpSession<'_> {
    fn drop(&mut self) {
        if let Some(mut conn) = self.conn.take() {
            // The mails are accepted already; a failed goodbye changes nothing.
            let _ = conn.smtp.quit();
        }
    }
}

/// MAIL FROM, one RCPT TO per recipient and DATA for `wire`, with the
/// parameters its addresses and content need, or why the server cannot take it.
pub(super) fn envelope_commands(
    conn: &SmtpConnection,
    wire: &Wire,
) -> Result<Vec<String>, SendError> {
    let envelope = &wire.envelope;
    let mut parameters = Vec::new();
    let mut addresses = envelope.from().into_iter().chain(envelope.to());
    if addresses.any(|address| !AsRef::<str>::as_ref(address).is_ascii()) {
        if !conn.server_info().supports_feature(Extension::SmtpUtfEight) {
            return Err(SendError::Permanent(
                "an address has non-ASCII characters and the server does not take them (no SMTPUTF8)"
                    .to_owned(),
            ));
        }
        parameters.push(MailParameter::SmtpUtfEight);
    }
    if !wire.message.is_ascii() {
        if !conn.server_info().supports_feature(Extension::EightBitMime) {
            return Err(SendError::Permanent(
                "the message has 8-bit content and the server does not take it (no 8BITMIME)"
                    .to_owned(),
            ));
        }
        parameters.push(MailParameter::Body(MailBodyParameter::EightBitMime));
    }
    let mut commands = vec![Mail::new(envelope.from().cloned(), parameters).to_string()];
    for recipient in envelope.to() {
        commands.push(Rcpt::new(recipient.clone(), Vec::new()).to_string());
    }
    commands.push(Data.to_string());
    Ok(commands)
}

/// The DATA section for `message`: dot-stuffed, ending in its own line and the
/// closing `.` line, so that it is written at once.
pub(super) fn data_content(message: &[u8]) -> Result<String, SendError> {
    let text = std::str::from_utf8(message)
        .map_err(|_| SendError::Permanent("the message is not UTF-8".to_owned()))?;
    let mut content = String::with_capacity(text.len() + 16);
    if text.starts_with('.') {
        content.push('.');
    }
    content.push_str(&text.replace("\r\n.", "\r\n.."));
    if !content.ends_with("\r\n") {
        content.push_str("\r\n");
    }
    content.push_str(".\r\n");
    Ok(content)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_starting_with_a_dot_are_doubled_and_the_end_line_follows() {
        let content = data_content(b".first\r\nsecond\r\n.third").unwrap();
        assert_eq!(content, "..first\r\nsecond\r\n..third\r\n.\r\n");
        assert_eq!(data_content(b"body\r\n").unwrap(), "body\r\n.\r\n");
    }
}
