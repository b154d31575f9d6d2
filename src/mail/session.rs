//! One SMTP connection kept open for many mails, on lettre's SMTP client.
//!
//! Not lettre's `SmtpTransport`: it writes a mail's content and the closing
//! `CRLF.CRLF` as two writes on a socket with Nagle's algorithm on, and its
//! sockets cannot be reached to turn that off. The kernel then holds the five
//! closing bytes until the server acknowledges the content, which a server
//! delays by up to 40 ms: some 22 mails a second on one connection. Here the
//! content and its end leave in one write.

use std::time::{Duration, Instant};

use lettre::address::Envelope;
use lettre::transport::smtp::authentication::{Credentials, DEFAULT_MECHANISMS};
use lettre::transport::smtp::client::{SmtpConnection, Tls};
use lettre::transport::smtp::commands::{Data, Mail, Rcpt};
use lettre::transport::smtp::extension::{ClientId, Extension, MailBodyParameter, MailParameter};

use super::SendError;
use super::mailer::classify;

/// How long one SMTP command may take before the attempt counts as failed.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

/// How long one mail may take, connecting included, before the attempt counts
/// as failed (transiently). Bounding the whole exchange, not only each command,
/// bounds how long a claimed mail can be in flight, which is what lets the
/// outbox's claim lease be a small multiple of it.
const SEND_DEADLINE: Duration = Duration::from_secs(super::outbox::SEND_DEADLINE_SECONDS);

/// Socket timeout for the next step: [`SMTP_TIMEOUT`], or a `share`th of what is
/// left of the send's deadline if that is less; an error once nothing is left.
fn step_timeout(deadline: Instant, share: u32) -> Result<Duration, SendError> {
    let left = deadline.saturating_duration_since(Instant::now()) / share;
    if left.is_zero() {
        return Err(SendError::Transient(format!(
            "the server took longer than {} s for one mail",
            SEND_DEADLINE.as_secs()
        )));
    }
    Ok(left.min(SMTP_TIMEOUT))
}

/// Sets the connection's socket timeout for its next step.
fn limit(conn: &mut SmtpConnection, deadline: Instant) -> Result<(), SendError> {
    let timeout = step_timeout(deadline, 1)?;
    conn.set_timeout(Some(timeout))
        .map_err(|e| SendError::Transient(format!("cannot set the SMTP timeout: {e}")))
}

/// Where and how to reach the SMTP server (from the `smtp_url` setting).
#[derive(Clone)]
pub(crate) struct SmtpServer {
    pub(crate) host: String,
    pub(crate) port: u16,
    pub(crate) tls: Tls,
    pub(crate) credentials: Option<Credentials>,
    pub(crate) hello_name: ClientId,
}

impl SmtpServer {
    /// Connects, says EHLO, starts TLS as the URL asks, and logs in, all before
    /// `deadline`.
    fn connect(&self, deadline: Instant) -> Result<SmtpConnection, SendError> {
        self.open(deadline).map_err(|e| match e {
            Opening::Smtp(e) => classify(e),
            Opening::Late(e) => e,
        })
    }

    fn open(&self, deadline: Instant) -> Result<SmtpConnection, Opening> {
        let wrapper = match &self.tls {
            Tls::Wrapper(parameters) => Some(parameters),
            _ => None,
        };
        // Connecting reads twice (greeting, EHLO) after the TCP connect, each
        // with this timeout: a third of what is left each keeps all in time.
        let mut conn = SmtpConnection::connect(
            (self.host.as_str(), self.port),
            Some(step_timeout(deadline, 3)?),
            &self.hello_name,
            wrapper,
            None,
        )?;
        match &self.tls {
            Tls::Required(parameters) => {
                limit(&mut conn, deadline)?;
                conn.starttls(parameters, &self.hello_name)?;
            }
            Tls::Opportunistic(parameters) if conn.can_starttls() => {
                limit(&mut conn, deadline)?;
                conn.starttls(parameters, &self.hello_name)?;
            }
            _ => {}
        }
        if let Some(credentials) = &self.credentials {
            limit(&mut conn, deadline)?;
            conn.auth(DEFAULT_MECHANISMS, credentials)?;
        }
        Ok(conn)
    }
}

/// Why a connection could not be opened: the server, or the send's deadline.
enum Opening {
    Smtp(lettre::transport::smtp::Error),
    Late(SendError),
}

impl From<lettre::transport::smtp::Error> for Opening {
    fn from(error: lettre::transport::smtp::Error) -> Self {
        Opening::Smtp(error)
    }
}

impl From<SendError> for Opening {
    fn from(error: SendError) -> Self {
        Opening::Late(error)
    }
}

/// A connection to `server`, opened at the first mail and reopened after a
/// failure; closed with QUIT when dropped.
pub(crate) struct SmtpSession<'s> {
    server: &'s SmtpServer,
    conn: Option<SmtpConnection>,
}

impl<'s> SmtpSession<'s> {
    pub(crate) fn new(server: &'s SmtpServer) -> SmtpSession<'s> {
        SmtpSession { server, conn: None }
    }

    /// Sends one formatted message to the envelope's recipients, within
    /// [`SEND_DEADLINE`].
    pub(crate) fn send(&mut self, envelope: &Envelope, message: &[u8]) -> Result<(), SendError> {
        let deadline = Instant::now() + SEND_DEADLINE;
        let result = self.transaction(envelope, message, deadline);
        // After any failure the connection's state is unknown: start afresh.
        if result.is_err()
            && let Some(mut conn) = self.conn.take()
        {
            conn.abort();
        }
        result
    }

    fn transaction(
        &mut self,
        envelope: &Envelope,
        message: &[u8],
        deadline: Instant,
    ) -> Result<(), SendError> {
        let content = data_content(message)?;
        let conn = match &mut self.conn {
            Some(conn) => conn,
            empty => empty.insert(self.server.connect(deadline)?),
        };
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
        if !message.is_ascii() {
            if !conn.server_info().supports_feature(Extension::EightBitMime) {
                return Err(SendError::Permanent(
                    "the message has 8-bit content and the server does not take it (no 8BITMIME)"
                        .to_owned(),
                ));
            }
            parameters.push(MailParameter::Body(MailBodyParameter::EightBitMime));
        }
        limit(conn, deadline)?;
        conn.command(Mail::new(envelope.from().cloned(), parameters))
            .map_err(classify)?;
        for recipient in envelope.to() {
            limit(conn, deadline)?;
            conn.command(Rcpt::new(recipient.clone(), Vec::new()))
                .map_err(classify)?;
        }
        limit(conn, deadline)?;
        conn.command(Data).map_err(classify)?;
        limit(conn, deadline)?;
        conn.command(content).map_err(classify)?;
        Ok(())
    }
}

impl Drop for SmtpSession<'_> {
    fn drop(&mut self) {
        if let Some(mut conn) = self.conn.take() {
            // The mails are accepted already; a failed goodbye changes nothing.
            let _ = conn.quit();
        }
    }
}

/// The DATA section for `message`: dot-stuffed, ending in its own line and the
/// closing `.` line, so that it is written at once.
fn data_content(message: &[u8]) -> Result<String, SendError> {
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
    fn each_step_gets_at_most_what_is_left_of_the_deadline_and_none_after_it() {
        let now = Instant::now();
        let soon = step_timeout(now + Duration::from_secs(9), 3).unwrap();
        assert!(soon <= Duration::from_secs(3), "{soon:?}");
        let later = step_timeout(now + Duration::from_secs(600), 1).unwrap();
        assert_eq!(later, SMTP_TIMEOUT);
        let late = step_timeout(now, 1).unwrap_err();
        assert!(late.is_transient());
        assert_eq!(
            late.to_string(),
            "transient: the server took longer than 60 s for one mail"
        );
    }

    #[test]
    fn lines_starting_with_a_dot_are_doubled_and_the_end_line_follows() {
        let content = data_content(b".first\r\nsecond\r\n.third").unwrap();
        assert_eq!(content, "..first\r\nsecond\r\n..third\r\n.\r\n");
        assert_eq!(data_content(b"body\r\n").unwrap(), "body\r\n.\r\n");
    }
}
