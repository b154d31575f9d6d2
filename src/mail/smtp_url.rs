//! Reading `smtp_url` into a lettre transport, with one clear message when it
//! is wrong.

use std::path::Path;
use std::time::Duration;

use lettre::transport::file::FileTransport;
use lettre::transport::smtp::SmtpTransport;

use super::MailError;

/// The shapes `smtp_url` may take, for error messages.
const EXPECTED: &str = "expected smtp://[user:password@]host[:port][?tls=required], \
     smtps://[user:password@]host[:port] or file:///folder";

/// How long one SMTP command may take before the attempt counts as failed.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

/// Where mail goes.
#[derive(Clone)]
pub(crate) enum Transport {
    /// A pooled SMTP client.
    Smtp(SmtpTransport),
    /// One `.eml` file per mail in a folder (local development).
    File(FileTransport),
}

/// The transport `url` describes.
///
/// `smtp://` talks plain SMTP (port 25) unless `?tls=required` asks for
/// STARTTLS (port 587) or `?tls=opportunistic` for STARTTLS when offered;
/// `smtps://` uses TLS from the start (port 465). `user:password@` logs in,
/// percent-decoded.
pub(crate) fn transport(url: &str) -> Result<Transport, MailError> {
    parse(url).map_err(|reason| MailError::SmtpUrl {
        url: redact(url),
        reason,
    })
}

fn parse(url: &str) -> Result<Transport, String> {
    let Some((scheme, rest)) = url.split_once("://") else {
        return Err(format!("not a URL; {EXPECTED}"));
    };
    match scheme.to_ascii_lowercase().as_str() {
        "file" => file(rest),
        "smtp" | "smtps" => smtp(url, rest),
        other => Err(format!("unknown scheme {other:?}; {EXPECTED}")),
    }
}

fn file(path: &str) -> Result<Transport, String> {
    if !path.starts_with('/') {
        return Err(format!("a file URL needs an absolute folder; {EXPECTED}"));
    }
    if !Path::new(path).is_dir() {
        return Err(format!("folder {path} does not exist"));
    }
    Ok(Transport::File(FileTransport::new(path)))
}

fn smtp(url: &str, rest: &str) -> Result<Transport, String> {
    let (authority, query) = split_authority(rest);
    if let Some((userinfo, _host)) = authority.rsplit_once('@')
        && !userinfo.contains(':')
    {
        return Err("credentials need both parts: user:password@host".to_owned());
    }
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        match pair.split_once('=') {
            Some(("tls", "required" | "opportunistic")) => {}
            Some(("tls", other)) => {
                return Err(format!(
                    "tls={other} is unknown; use tls=required or tls=opportunistic"
                ));
            }
            _ => {
                return Err(format!(
                    "unknown parameter {pair:?}; only tls= is understood"
                ));
            }
        }
    }
    let builder = SmtpTransport::from_url(url).map_err(|e| {
        // lettre prefixes every cause with "Connection error"; the cause alone
        // ("invalid port number", "empty host" …) is what the reader needs.
        let cause = std::error::Error::source(&e).map_or_else(|| e.to_string(), |s| s.to_string());
        format!("{cause}; {EXPECTED}")
    })?;
    Ok(Transport::Smtp(builder.timeout(Some(SMTP_TIMEOUT)).build()))
}

/// The authority (`user:password@host:port`) and the query of what follows `scheme://`.
fn split_authority(rest: &str) -> (&str, &str) {
    let (before_query, query) = rest.split_once('?').unwrap_or((rest, ""));
    let authority = before_query.split('/').next().unwrap_or_default();
    (authority, query)
}

/// `url` with the password, if any, replaced by `***`, fit for logs.
pub(crate) fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let (authority, _) = split_authority(rest);
    let Some((userinfo, _host)) = authority.rsplit_once('@') else {
        return url.to_owned();
    };
    let Some((user, _password)) = userinfo.split_once(':') else {
        return url.to_owned();
    };
    format!("{scheme}://{user}:***{}", &rest[userinfo.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(url: &str) -> String {
        match transport(url) {
            Err(e) => e.to_string(),
            Ok(_) => panic!("{url} was accepted"),
        }
    }

    #[test]
    fn every_documented_shape_is_accepted() {
        for url in [
            "smtp://127.0.0.1",
            "smtp://mail.example.org:2525",
            "smtp://mail.example.org:587?tls=required",
            "smtp://mail.example.org?tls=opportunistic",
            "smtps://user%40example.org:p%40ss@mail.example.org",
            "smtps://mail.example.org:465",
            "file:///tmp",
        ] {
            assert!(
                transport(url).is_ok(),
                "{url} was refused: {:?}",
                transport(url).err()
            );
        }
    }

    #[test]
    fn passwords_never_reach_the_message() {
        assert_eq!(
            redact("smtps://me:secret@mail.example.org:465/x?tls=required"),
            "smtps://me:***@mail.example.org:465/x?tls=required"
        );
        assert_eq!(redact("smtp://mail.example.org"), "smtp://mail.example.org");
        let message = reason("smtp://me:secret@mail.example.org?tls=maybe");
        assert!(!message.contains("secret"), "{message}");
        assert!(message.contains("tls=maybe is unknown"), "{message}");
    }

    #[test]
    fn malformed_urls_say_what_is_wrong() {
        assert!(reason("smtp//x").starts_with("smtp_url \"smtp//x\": not a URL; expected smtp://"));
        assert!(reason("http://x").contains("unknown scheme \"http\""));
        assert!(reason("smtp://x:99999").contains("invalid port number"));
        assert!(reason("smtp://user@x").contains("user:password@host"));
        assert!(reason("file://relative").contains("absolute folder"));
        assert!(reason("file:///no/such/folder").contains("does not exist"));
    }
}
