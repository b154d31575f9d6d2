//! Reading `smtp_url` into a lettre transport, with one clear message when it
//! is wrong.

use std::path::Path;

use lettre::transport::file::FileTransport;
use lettre::transport::smtp::SmtpTransport;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::transport::smtp::extension::ClientId;

use super::MailError;
use super::connection::SmtpServer;

/// The shapes `smtp_url` may take, for error messages.
const EXPECTED: &str = "expected smtp://[user:password@]host[:port][?tls=required], \
     smtps://[user:password@]host[:port] or file:///folder";

/// Where mail goes.
#[derive(Clone)]
pub(crate) enum Transport {
    /// An SMTP server.
    Smtp(SmtpServer),
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
    // lettre reads the URL too, so whatever it would refuse is refused here, in its words.
    SmtpTransport::from_url(url).map_err(|e| {
        // lettre prefixes every cause with "Connection error"; the cause alone
        // ("invalid port number", "empty host" …) is what the reader needs.
        let cause = std::error::Error::source(&e).map_or_else(|| e.to_string(), |s| s.to_string());
        format!("{cause}; {EXPECTED}")
    })?;
    server(url, rest).map(Transport::Smtp)
}

/// The server a URL lettre accepted names, read the way lettre reads it: the port
/// defaults by TLS mode, credentials are percent-decoded, a path names this host
/// in EHLO.
fn server(url: &str, rest: &str) -> Result<SmtpServer, String> {
    let (authority, query) = split_authority(rest);
    let (userinfo, host_port) = match authority.rsplit_once('@') {
        Some((userinfo, host_port)) => (Some(userinfo), host_port),
        None => (None, authority),
    };
    let (host, port) = split_host_port(host_port)?;
    let tls_mode = query.split('&').find_map(|pair| pair.strip_prefix("tls="));
    let parameters =
        || TlsParameters::new(host.to_owned()).map_err(|e| format!("TLS for {host}: {e}"));
    let (tls, default_port) = if url
        .get(..6)
        .is_some_and(|s| s.eq_ignore_ascii_case("smtps:"))
    {
        (Tls::Wrapper(parameters()?), 465)
    } else {
        match tls_mode {
            Some("required") => (Tls::Required(parameters()?), 587),
            Some("opportunistic") => (Tls::Opportunistic(parameters()?), 587),
            _ => (Tls::None, 25),
        }
    };
    let credentials = userinfo
        .map(|userinfo| {
            let (user, password) = userinfo.split_once(':').unwrap_or((userinfo, ""));
            Ok::<_, String>(Credentials::new(
                percent_decode(user)?,
                percent_decode(password)?,
            ))
        })
        .transpose()?;
    let path = rest[authority.len()..]
        .split('?')
        .next()
        .unwrap_or_default()
        .trim_matches('/');
    let hello_name = if path.is_empty() {
        ClientId::default()
    } else {
        ClientId::Domain(path.to_owned())
    };
    Ok(SmtpServer {
        host: host.to_owned(),
        port: port.unwrap_or(default_port),
        tls,
        credentials,
        hello_name,
    })
}

/// `host[:port]`, where the host may be an IPv6 literal in brackets.
fn split_host_port(host_port: &str) -> Result<(&str, Option<u16>), String> {
    let (host, port) = match host_port.strip_prefix('[') {
        Some(v6) => {
            let (host, after) = v6
                .split_once(']')
                .ok_or_else(|| format!("unclosed [ in host {host_port:?}; {EXPECTED}"))?;
            (host, after.strip_prefix(':'))
        }
        None => match host_port.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (host_port, None),
        },
    };
    let port = port
        .filter(|p| !p.is_empty())
        .map(|p| {
            p.parse::<u16>()
                .map_err(|_| format!("invalid port number {p:?}; {EXPECTED}"))
        })
        .transpose()?;
    Ok((host, port))
}

/// `%XX` escapes decoded, as user names and passwords in URLs carry them.
fn percent_decode(text: &str) -> Result<String, String> {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| text.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) => {
                decoded.push(byte);
                i += 3;
            }
            None => {
                decoded.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8(decoded).map_err(|_| "credentials are not UTF-8 once decoded".to_owned())
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

    fn server_of(url: &str) -> SmtpServer {
        match transport(url) {
            Ok(Transport::Smtp(server)) => server,
            _ => panic!("{url} is not an SMTP server"),
        }
    }

    #[test]
    fn the_port_follows_the_tls_mode_and_credentials_are_decoded() {
        assert_eq!(server_of("smtp://mail.example.org").port, 25);
        assert_eq!(server_of("smtp://mail.example.org?tls=required").port, 587);
        assert_eq!(server_of("smtps://mail.example.org").port, 465);
        let server = server_of("smtps://user%40example.org:p%40ss@mail.example.org:2465");
        assert_eq!(
            (server.host.as_str(), server.port),
            ("mail.example.org", 2465)
        );
        assert!(matches!(server.tls, Tls::Wrapper(_)));
        assert_eq!(
            server.credentials,
            Some(Credentials::new(
                "user@example.org".to_owned(),
                "p@ss".to_owned()
            ))
        );
        let v6 = server_of("smtp://[::1]:2525");
        assert_eq!((v6.host.as_str(), v6.port), ("::1", 2525));
        assert!(matches!(v6.tls, Tls::None));
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
