//! The invitation mail as Liaison puts it on the wire, for the load generator to send.

use std::path::Path;

use anyhow::Context;
use lettre::Message;
use lettre::message::{Mailbox, MultiPart};
use liaison::storage::outbox::OutboxMail;

/// Writes `mail` formatted as the mailer formats it (headers, multipart/alternative
/// text and HTML) to `path`, with LF line ends as `smtp-source -F` wants them, and
/// returns its size in bytes on the wire.
pub fn write(mail: &OutboxMail, from: &str, path: &Path) -> anyhow::Result<usize> {
    let from: Mailbox = from.parse().context("the mail_from setting")?;
    let to: Mailbox = mail.recipient.parse().context("the recipient")?;
    let message = Message::builder()
        .from(from)
        .to(to)
        .subject(mail.subject.as_str())
        .message_id(Some(mail.message_id.clone()))
        .multipart(MultiPart::alternative_plain_html(
            mail.text_to_send(),
            mail.html_to_send(),
        ))
        .context("cannot build the sample message")?;
    let wire = message.formatted();
    let text = String::from_utf8(wire.clone()).context("the message is not UTF-8")?;
    std::fs::write(path, text.replace("\r\n", "\n"))
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(wire.len())
}
