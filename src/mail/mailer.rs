//! `Mailer`: lettre behind one small type, so the rest of the crate sends a
//! mail with one call and never sees SMTP.

use std::error::Error as _;
use std::fmt;
use std::num::NonZeroUsize;

use lettre::message::{Mailbox, MultiPart};
use lettre::transport::file::FileTransport;
use lettre::{Message, Transport as _};

use crate::config::Settings;

use super::MailError;
use super::outbox::DEFAULT_SMTP_SESSIONS;
use super::session::{SmtpSession, Wire};
use super::smtp_url::{self, Transport};

/// Sends mails through the transport `smtp_url` names, from one sender, over
/// up to `mail_smtp_sessions` connections at once.
///
/// Cheap to clone. Each [`MailSession`] holds its own SMTP connection.
#[derive(Clone)]
pub struct Mailer {
    transport: Transport,
    from: Mailbox,
    sessions: NonZeroUsize,
}

// By hand: lettre's own Debug output would include the SMTP credentials.
impl fmt::Debug for Mailer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let transport = match self.transport {
            Transport::Smtp(_) => "smtp",
            Transport::File(_) => "file",
        };
        f.debug_struct("Mailer")
            .field("transport", &transport)
            .field("from", &self.from.to_string())
            .field("sessions", &self.sessions)
            .finish()
    }
}

/// Why one mail was not sent; the outbox stores its text as the last error.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// Worth retrying later: a 4xx reply, or the server could not be reached.
    #[error("transient: {0}")]
    Transient(String),
    /// Retrying cannot help: a 5xx reply, or an address that is not one.
    #[error("permanent: {0}")]
    Permanent(String),
}

impl SendError {
    /// Whether a later attempt may succeed.
    pub fn is_transient(&self) -> bool {
        matches!(self, SendError::Transient(_))
    }
}

impl Mailer {
    /// The mailer of `settings`: its `smtp_url`, `mail_from` and `mail_smtp_sessions`.
    pub fn configured(settings: &Settings) -> Result<Mailer, MailError> {
        Ok(
            Mailer::from_settings(&settings.smtp_url, &settings.mail_from)?
                .with_sessions(settings.mail_smtp_sessions),
        )
    }

    /// A mailer for the `smtp_url` and `mail_from` settings, with
    /// [`DEFAULT_SMTP_SESSIONS`]; see
    /// [`Settings::smtp_url`](crate::config::Settings::smtp_url) for the URL forms.
    ///
    /// Nothing is contacted yet: a server that is down now may be up when the
    /// first mail goes out.
    pub fn from_settings(smtp_url: &str, from: &str) -> Result<Mailer, MailError> {
        let transport = smtp_url::transport(smtp_url)?;
        let from = from.parse::<Mailbox>().map_err(|e| MailError::MailFrom {
            from: from.to_owned(),
            reason: format!(
                "not a mail address ({e}); expected e.g. Liaison <liaison@example.org>"
            ),
        })?;
        Ok(Mailer {
            transport,
            from,
            sessions: DEFAULT_SMTP_SESSIONS,
        })
    }

    /// The same mailer, with `sessions` SMTP connections at once for the outbox.
    pub fn with_sessions(self, sessions: NonZeroUsize) -> Mailer {
        Mailer { sessions, ..self }
    }

    /// How many SMTP connections a run of the outbox keeps open at once.
    pub fn sessions(&self) -> NonZeroUsize {
        self.sessions
    }

    /// The sender every mail carries.
    pub fn sender(&self) -> &Mailbox {
        &self.from
    }

    /// Sends one mail with a plain-text and an HTML body (multipart/alternative),
    /// over a connection of its own.
    pub fn send(&self, to: &str, subject: &str, text: &str, html: &str) -> Result<(), SendError> {
        self.session().send(to, subject, text, html)
    }

    /// A session that sends mail after mail over one SMTP connection, opened at
    /// the first and closed when the session is dropped.
    pub fn session(&self) -> MailSession<'_> {
        let channel = match &self.transport {
            Transport::Smtp(server) => Channel::Smtp(SmtpSession::new(server)),
            Transport::File(file) => Channel::File(file),
        };
        MailSession {
            mailer: self,
            channel,
        }
    }

    fn message(
        &self,
        message_id: Option<&str>,
        to: &str,
        subject: &str,
        text: &str,
        html: &str,
    ) -> Result<Message, SendError> {
        let to = to
            .parse::<Mailbox>()
            .map_err(|e| SendError::Permanent(format!("invalid recipient address {to:?}: {e}")))?;
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .message_id(message_id.map(str::to_owned))
            .multipart(MultiPart::alternative_plain_html(
                text.to_owned(),
                html.to_owned(),
            ))
            .map_err(|e| SendError::Permanent(format!("cannot build the message: {e}")))
    }
}

/// Mails sent one after another through one [`Mailer`], over one SMTP connection.
pub struct MailSession<'m> {
    mailer: &'m Mailer,
    channel: Channel<'m>,
}

#[expect(
    clippy::large_enum_variant,
    reason = "one per session, made once and never moved while mails go out"
)]
enum Channel<'m> {
    Smtp(SmtpSession<'m>),
    File(&'m FileTransport),
}

/// One mail for [`MailSession::send_all`], with a plain-text and an HTML body.
#[derive(Debug, Clone, Copy)]
pub struct Outgoing<'a> {
    /// Angle brackets included; a new one for `None`.
    pub message_id: Option<&'a str>,
    pub to: &'a str,
    pub subject: &'a str,
    pub text: &'a str,
    pub html: &'a str,
}

impl MailSession<'_> {
    /// Sends one mail with a plain-text and an HTML body (multipart/alternative)
    /// and a new Message-ID.
    pub fn send(
        &mut self,
        to: &str,
        subject: &str,
        text: &str,
        html: &str,
    ) -> Result<(), SendError> {
        self.send_with_id(None, to, subject, text, html)
    }

    /// [`send`](Self::send) with `message_id` (angle brackets included), or a new
    /// one for `None`.
    pub fn send_with_id(
        &mut self,
        message_id: Option<&str>,
        to: &str,
        subject: &str,
        text: &str,
        html: &str,
    ) -> Result<(), SendError> {
        let mail = Outgoing {
            message_id,
            to,
            subject,
            text,
            html,
        };
        self.send_all(&[mail], &mut |_| true)
            .pop()
            .unwrap_or_else(|| Err(SendError::Transient("the mail was not sent".to_owned())))
    }

    /// Sends `mails` in order (multipart/alternative each), pipelined when the
    /// server allows, for as long as `may_start` lets the next one (by index)
    /// start; returns the outcomes of those that started, in order. The outbox
    /// passes each mail's stored Message-ID, the same on every attempt.
    pub fn send_all(
        &mut self,
        mails: &[Outgoing<'_>],
        may_start: &mut dyn FnMut(usize) -> bool,
    ) -> Vec<Result<(), SendError>> {
        let mailer = self.mailer;
        let messages = mails.iter().map(|mail| {
            mailer.message(mail.message_id, mail.to, mail.subject, mail.text, mail.html)
        });
        match &mut self.channel {
            Channel::Smtp(smtp) => {
                let wires: Vec<Result<Wire, SendError>> = messages
                    .map(|message| {
                        message.map(|message| Wire {
                            envelope: message.envelope().clone(),
                            message: message.formatted(),
                        })
                    })
                    .collect();
                smtp.send_all(&wires, may_start)
            }
            Channel::File(file) => {
                let mut results = Vec::with_capacity(mails.len());
                for message in messages {
                    if !may_start(results.len()) {
                        break;
                    }
                    // A folder that is full or gone may be fixed; let the retries wait for that.
                    results.push(message.and_then(|message| {
                        file.send(&message).map(drop).map_err(|e| {
                            SendError::Transient(format!("cannot write the mail file: {e}"))
                        })
                    }));
                }
                results
            }
        }
    }
}

/// Sorts a lettre SMTP error into retry or give up, keeping the server's code
/// and words ("451 4.3.0 try later") when there are some.
pub(super) fn classify(error: lettre::transport::smtp::Error) -> SendError {
    if let Some(code) = error.status() {
        let words = error.source().map(|s| s.to_string()).unwrap_or_default();
        let reply = format!("{code} {words}").trim_end().to_owned();
        return if error.is_permanent() {
            SendError::Permanent(reply)
        } else {
            SendError::Transient(reply)
        };
    }
    // lettre refused the message itself (e.g. 8-bit content the server cannot
    // take): the same message will be refused again.
    if error.is_client() {
        return SendError::Permanent(error.to_string());
    }
    // Connection, network, TLS and timeout problems may clear up.
    SendError::Transient(error.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_settings_make_a_mailer() {
        let mailer = Mailer::from_settings("smtp://127.0.0.1:25", "Liaison <liaison@localhost>");
        assert!(mailer.is_ok(), "{:?}", mailer.err());
    }

    #[test]
    fn debug_output_keeps_the_credentials_out() {
        let mailer =
            Mailer::from_settings("smtps://me:hunter2@mail.example.org", "a@example.org").unwrap();
        let debug = format!("{mailer:?}");
        assert!(!debug.contains("hunter2"), "{debug}");
        assert!(debug.contains("smtp"), "{debug}");
    }
}
