//! Opening an SMTP connection (TLS and login as `smtp_url` asks), finding out
//! whether the server takes pipelined commands, and the deadlines that bound
//! every step of a mail's exchange.

use std::time::{Duration, Instant};

use lettre::transport::smtp::authentication::{Credentials, DEFAULT_MECHANISMS};
use lettre::transport::smtp::client::{SmtpConnection, Tls};
use lettre::transport::smtp::commands::Ehlo;
use lettre::transport::smtp::extension::ClientId;

use super::SendError;
use super::mailer::classify;

/// How long one SMTP command may take before the attempt counts as failed.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

/// How long one mail may take, connecting included, before the attempt counts
/// as failed (transiently). Bounding the whole exchange, not only each command,
/// bounds how long a claimed mail can be in flight, which is what lets the
/// outbox's claim lease be a small multiple of it.
pub(super) const SEND_DEADLINE: Duration =
    Duration::from_secs(super::outbox::SEND_DEADLINE_SECONDS);

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

/// Sets a connection's socket timeout for its next step.
fn limit(conn: &mut SmtpConnection, deadline: Instant) -> Result<(), SendError> {
    let timeout = step_timeout(deadline, 1)?;
    set_timeout(conn, timeout)
}

fn set_timeout(conn: &mut SmtpConnection, timeout: Duration) -> Result<(), SendError> {
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
    pub(super) fn connect(&self, deadline: Instant) -> Result<Connection, SendError> {
        self.open(deadline).map_err(|e| match e {
            Opening::Smtp(e) => classify(e),
            Opening::Late(e) => e,
        })
    }

    fn open(&self, deadline: Instant) -> Result<Connection, Opening> {
        let wrapper = match &self.tls {
            Tls::Wrapper(parameters) => Some(parameters),
            _ => None,
        };
        // Connecting reads twice (greeting, EHLO) after the TCP connect, each
        // with this timeout: a fourth of what is left each keeps all in time,
        // the EHLO below included.
        let mut conn = SmtpConnection::connect(
            (self.host.as_str(), self.port),
            Some(step_timeout(deadline, 4)?),
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
        // lettre keeps only the extensions it uses itself from the EHLO reply;
        // asking again (before logging in, which a new EHLO may undo) shows
        // whether the server takes pipelined commands.
        limit(&mut conn, deadline)?;
        let hello = conn.command(Ehlo::new(self.hello_name.clone()))?;
        let pipelining = hello
            .message()
            .any(|line| line.trim().eq_ignore_ascii_case("PIPELINING"));
        if let Some(credentials) = &self.credentials {
            limit(&mut conn, deadline)?;
            conn.auth(DEFAULT_MECHANISMS, credentials)?;
        }
        Ok(Connection {
            smtp: conn,
            pipelining,
            timeout: None,
        })
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

/// An open connection, and whether its server takes pipelined commands.
pub(super) struct Connection {
    pub(super) smtp: SmtpConnection,
    pub(super) pipelining: bool,
    /// The socket timeout set last, so that an unchanged one costs no system calls.
    timeout: Option<Duration>,
}

impl Connection {
    /// Sets the socket timeout for the next step of a mail due by `deadline`.
    pub(super) fn limit(&mut self, deadline: Instant) -> Result<(), SendError> {
        let timeout = step_timeout(deadline, 1)?;
        if self.timeout != Some(timeout) {
            set_timeout(&mut self.smtp, timeout)?;
            self.timeout = Some(timeout);
        }
        Ok(())
    }
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
}
