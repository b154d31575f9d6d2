//! SMTP pipelining (RFC 2920) for a server that offers it: a mail's MAIL, RCPT
//! and DATA commands leave in one write, and each mail's content leaves in one
//! write with the next mail's commands, which the RFC allows as the start of a
//! group. Their replies come back together, so a mail costs one round trip
//! instead of four, and the client and the server a quarter of the wake-ups.
//!
//! Every reply is still read and checked in order, each against the deadline of
//! its own mail. After any failure the connection is closed, as without
//! pipelining; a mail whose commands went out with it but whose content did not
//! cannot have been delivered, and is sent again on a new connection.

use std::time::Instant;

use super::SendError;
use super::connection::{Connection, SEND_DEADLINE};
use super::mailer::classify;
use super::session::{SmtpSession, Wire, data_content, envelope_commands};

/// A mail whose commands are written: its index, content and deadline.
struct Started {
    index: usize,
    content: String,
    deadline: Instant,
}

impl SmtpSession<'_> {
    /// Sends mails from `results.len()` on, over the open connection, which takes
    /// pipelined commands, the first within `deadline`; pushes each outcome to
    /// `results`. Returns at the first failure (with the connection closed), or
    /// at a mail `may_start` holds back or that cannot go out, which is left to
    /// the caller.
    pub(super) fn pipeline(
        &mut self,
        mails: &[Result<Wire, SendError>],
        results: &mut Vec<Result<(), SendError>>,
        deadline: Instant,
        may_start: &mut dyn FnMut(usize) -> bool,
    ) {
        let first = results.len();
        let Some((commands, content)) = self.prepare(mails, first, results) else {
            return;
        };
        let sent = self
            .write_and_read(&commands.concat(), deadline)
            .and_then(|()| self.replies(commands.len() - 1, deadline));
        if let Err(error) = sent {
            results.push(Err(error));
            self.abort();
            return;
        }
        let mut current = Started {
            index: first,
            content,
            deadline,
        };
        loop {
            // The next mail's commands go out with this one's content, if it may
            // start and can go out; otherwise the content goes alone.
            let next_index = current.index + 1;
            let next = (next_index < mails.len() && may_start(next_index))
                .then(|| self.prepare(mails, next_index, results))
                .flatten();
            let next_deadline = Instant::now() + SEND_DEADLINE;
            let mut group = std::mem::take(&mut current.content);
            if let Some((commands, _)) = &next {
                group.push_str(&commands.concat());
            }
            // The content's reply comes first, within its own mail's deadline.
            let delivered = self.write_and_read(&group, current.deadline);
            let failed = delivered.is_err();
            results.push(delivered);
            if failed {
                self.abort();
                return;
            }
            let Some((commands, content)) = next else {
                return;
            };
            if let Err(error) = self.replies(commands.len(), next_deadline) {
                results.push(Err(error));
                self.abort();
                return;
            }
            current = Started {
                index: next_index,
                content,
                deadline: next_deadline,
            };
        }
    }

    /// The commands and DATA content of mail `index`, or `None` when it cannot go
    /// out. Its outcome is then pushed if it is the next one due (a message or
    /// envelope the server cannot take); a later mail is left for the caller to
    /// come to after this run.
    fn prepare(
        &mut self,
        mails: &[Result<Wire, SendError>],
        index: usize,
        results: &mut Vec<Result<(), SendError>>,
    ) -> Option<(Vec<String>, String)> {
        let wire = mails[index].as_ref().ok()?;
        let conn = self.conn.as_ref()?;
        let prepared = envelope_commands(&conn.smtp, wire)
            .and_then(|commands| Ok((commands, data_content(&wire.message)?)));
        match prepared {
            Ok(prepared) => Some(prepared),
            Err(error) if index == results.len() => {
                results.push(Err(error));
                None
            }
            Err(_) => None,
        }
    }

    /// Writes `text` (commands, or a content with commands after it) at once and
    /// reads the first reply, within `deadline`.
    fn write_and_read(&mut self, text: &str, deadline: Instant) -> Result<(), SendError> {
        let conn = self.open()?;
        conn.limit(deadline)?;
        conn.smtp.command(text).map_err(classify)?;
        Ok(())
    }

    /// Reads `count` more replies, each positive, within `deadline`.
    fn replies(&mut self, count: usize, deadline: Instant) -> Result<(), SendError> {
        let conn = self.open()?;
        for _ in 0..count {
            conn.limit(deadline)?;
            conn.smtp.read_response().map_err(classify)?;
        }
        Ok(())
    }

    fn open(&mut self) -> Result<&mut Connection, SendError> {
        self.conn
            .as_mut()
            .ok_or_else(|| SendError::Transient("the SMTP connection is closed".to_owned()))
    }
}
