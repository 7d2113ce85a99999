//! A static file server for the repository root (or a built folder, under a sub-path), on 127.0.0.1 only:
//! HTTP/1.1 with keep-alive, GET and HEAD, one thread per connection. Every reply allows any origin to read
//! it, as static hosts such as GitHub Pages do, so that other sites can embed the models.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::{Result, site, toolchain};

const DEFAULT_PORT: u16 = 8000;
/// An idle keep-alive connection is closed after this long.
const IDLE: Duration = Duration::from_secs(10);
/// Longest request line or header line, and most header lines, accepted.
const MAX_LINE: u64 = 8 * 1024;
const MAX_HEADERS: usize = 100;

/// `serve [--port N]`: set up, build, then serve until interrupted.
pub fn command(root: &Path, args: &[String]) -> Result {
    let port = parse_port(args)?;
    // Bind first, so that a taken port fails before a long build.
    let server = Server::start(root, port)?;
    let tools = toolchain::wasm(root)?;
    site::build(root, &tools)?;
    println!("Replica is running at {} (Ctrl-C to stop)", server.url());
    server.wait();
    Ok(())
}

fn parse_port(args: &[String]) -> Result<u16> {
    let usage = "usage: cargo xtask serve [--port 8000]";
    let value = match args {
        [] => return Ok(DEFAULT_PORT),
        [flag, value] if flag == "--port" => value.as_str(),
        [flag] if flag.starts_with("--port=") => &flag["--port=".len()..],
        _ => return Err(usage.to_string()),
    };
    value.parse().map_err(|_| format!("`{value}` is not a port number; {usage}"))
}

/// A running server; dropping it stops it.
pub struct Server {
    address: SocketAddr,
    stopping: Arc<AtomicBool>,
    acceptor: Option<JoinHandle<()>>,
    url: String,
}

impl Server {
    /// Serves `root` on 127.0.0.1:`port` (0 picks a free port).
    pub fn start(root: &Path, port: u16) -> Result<Server> {
        Server::start_under(root, port, "/")
    }

    /// Serves `root` at the path `base` (`/assets/replica/`: with slashes at both ends) and nothing
    /// elsewhere, as a site copied into a folder of another site is served.
    pub fn start_under(root: &Path, port: u16, base: &str) -> Result<Server> {
        if !base.starts_with('/') || !base.ends_with('/') {
            return Err(format!("the base path `{base}` must start and end with `/`"));
        }
        let root = root.canonicalize().map_err(|e| format!("cannot open {}: {e}", root.display()))?;
        let listener = TcpListener::bind(("127.0.0.1", port)).map_err(|e| match e.kind() {
            ErrorKind::AddrInUse => {
                format!("port {port} is already in use on 127.0.0.1: choose another one with `--port <number>`")
            }
            _ => format!("cannot listen on 127.0.0.1:{port}: {e}"),
        })?;
        let address = listener.local_addr().map_err(|e| e.to_string())?;
        let stopping = Arc::new(AtomicBool::new(false));
        let site = Arc::new(Site { root, base: base.to_string() });
        let acceptor = {
            let stopping = stopping.clone();
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stopping.load(Ordering::Relaxed) {
                        break;
                    }
                    match stream {
                        Ok(stream) => {
                            let (site, stopping) = (site.clone(), stopping.clone());
                            // A failed connection concerns its client only.
                            std::thread::spawn(move || connection(&site, stream, &stopping).ok());
                        }
                        // Out of file descriptors, say: let connections close.
                        Err(_) => std::thread::sleep(Duration::from_millis(50)),
                    }
                }
            })
        };
        Ok(Server { address, stopping, acceptor: Some(acceptor), url: format!("http://{address}{base}") })
    }

    /// The base address (with the base path), with a trailing slash.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Serves until the process is interrupted.
    pub fn wait(mut self) {
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stopping.store(true, Ordering::Relaxed);
        // Wake the acceptor up; open connections close after their current request.
        let _ = TcpStream::connect(self.address);
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
    }
}

/// What a server serves: a folder, at a base path.
struct Site {
    root: PathBuf,
    base: String,
}

/// Answers the requests of one connection until the client closes it, asks to, or stays idle too long.
fn connection(site: &Site, stream: TcpStream, stopping: &AtomicBool) -> io::Result<()> {
    stream.set_read_timeout(Some(IDLE))?;
    stream.set_write_timeout(Some(IDLE))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut writer = BufWriter::new(stream);
    while !stopping.load(Ordering::Relaxed) {
        let Some(request_line) = line(&mut reader)? else { return Ok(()) };
        let mut words = request_line.split_ascii_whitespace();
        let (Some(method), Some(target), Some(version), None) =
            (words.next(), words.next(), words.next(), words.next())
        else {
            return respond(&mut writer, Reply::text(400, "bad request"), false, false);
        };
        let mut keep_alive = version == "HTTP/1.1";
        let mut body = 0;
        let mut headers = 0;
        loop {
            let Some(header) = line(&mut reader)? else { return Ok(()) };
            if header.is_empty() {
                break;
            }
            headers += 1;
            if headers > MAX_HEADERS {
                return respond(&mut writer, Reply::text(400, "bad request"), false, false);
            }
            let (name, value) = header.split_once(':').unwrap_or((&header, ""));
            let value = value.trim().to_ascii_lowercase();
            match name.trim().to_ascii_lowercase().as_str() {
                "connection" if value.contains("close") => keep_alive = false,
                "content-length" => body = value.parse().unwrap_or(u64::MAX),
                // Request bodies are not expected; chunked ones are not read, so the connection ends.
                "transfer-encoding" => keep_alive = false,
                _ => {}
            }
        }
        if body == u64::MAX {
            return respond(&mut writer, Reply::text(400, "bad request"), false, false);
        }
        io::copy(&mut reader.by_ref().take(body), &mut io::sink())?;
        let reply = match method {
            "GET" | "HEAD" => Reply::file(site, target),
            _ => Reply::text(405, "method not allowed"),
        };
        respond(&mut writer, reply, method == "HEAD", keep_alive)?;
        if !keep_alive {
            break;
        }
    }
    Ok(())
}

/// Reads one line without its line ending; `None` at the end of the stream or after an idle timeout.
fn line(reader: &mut impl BufRead) -> io::Result<Option<String>> {
    let mut bytes = Vec::new();
    match reader.take(MAX_LINE).read_until(b'\n', &mut bytes) {
        Ok(0) => return Ok(None),
        Ok(_) => {}
        Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => return Ok(None),
        Err(e) => return Err(e),
    }
    if !bytes.ends_with(b"\n") {
        return Err(io::Error::new(ErrorKind::InvalidData, "a line too long or cut short"));
    }
    let text = String::from_utf8(bytes).map_err(|_| io::Error::new(ErrorKind::InvalidData, "not UTF-8"))?;
    Ok(Some(text.trim_end_matches(['\r', '\n']).to_string()))
}

enum Body {
    Text(String),
    File(File, u64),
}

struct Reply {
    status: u16,
    content_type: &'static str,
    body: Body,
    /// Where a redirect leads.
    location: Option<String>,
}

impl Reply {
    fn text(status: u16, message: &str) -> Reply {
        Reply {
            status,
            content_type: "text/plain; charset=utf-8",
            body: Body::Text(format!("{message}\n")),
            location: None,
        }
    }

    fn file(site: &Site, target: &str) -> Reply {
        let path = target.split(['?', '#']).next().unwrap_or_default();
        let Some(inside) = path.strip_prefix(site.base.as_str()) else {
            // The base without its final slash leads to the base, as static hosts do with folders.
            if path == site.base.trim_end_matches('/') {
                return Reply { location: Some(site.base.clone()), ..Reply::text(301, "moved permanently") };
            }
            return Reply::text(404, "not found");
        };
        let path = match resolve(&site.root, &format!("/{inside}")) {
            Ok(path) => path,
            Err(403) => return Reply::text(403, "forbidden"),
            Err(_) => return Reply::text(404, "not found"),
        };
        match File::open(&path).and_then(|file| Ok((file.metadata()?.len(), file))) {
            Ok((len, file)) => {
                Reply { status: 200, content_type: content_type(&path), body: Body::File(file, len), location: None }
            }
            Err(_) => Reply::text(404, "not found"),
        }
    }
}

fn respond(writer: &mut impl Write, reply: Reply, head_only: bool, keep_alive: bool) -> io::Result<()> {
    let reason = match reply.status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "",
    };
    let length = match &reply.body {
        Body::Text(text) => text.len() as u64,
        Body::File(_, len) => *len,
    };
    let location = reply.location.map(|to| format!("Location: {to}\r\n")).unwrap_or_default();
    write!(
        writer,
        "HTTP/1.1 {} {reason}\r\nContent-Type: {}\r\nContent-Length: {length}\r\nCache-Control: no-cache\r\n\
         X-Content-Type-Options: nosniff\r\nAccess-Control-Allow-Origin: *\r\n{location}Connection: {}\r\n\r\n",
        reply.status,
        reply.content_type,
        if keep_alive { "keep-alive" } else { "close" },
    )?;
    if !head_only {
        match reply.body {
            Body::Text(text) => writer.write_all(text.as_bytes())?,
            Body::File(file, len) => {
                io::copy(&mut file.take(len), writer)?;
            }
        }
    }
    writer.flush()
}

/// Maps a request path to a file inside `root` (canonical), or to an HTTP status.
fn resolve(root: &Path, url: &str) -> std::result::Result<PathBuf, u16> {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    let path = percent_encoding::percent_decode_str(path).decode_utf8().map_err(|_| 404u16)?;
    let mut file = root.to_path_buf();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => return Err(403),
            _ if segment.contains(['\\', '\0']) => return Err(403),
            // Hidden files and directories (.git, .cargo, ...) are not part of the site.
            _ if segment.starts_with('.') => return Err(404),
            _ => file.push(segment),
        }
    }
    let file = file.canonicalize().map_err(|_| 404u16)?;
    if !file.starts_with(root) {
        return Err(403);
    }
    if file == root {
        return Ok(root.join("index.html"));
    }
    // No directory listings.
    if file.is_file() { Ok(file) } else { Err(404) }
}

fn content_type(path: &Path) -> &'static str {
    let extension = path.extension().and_then(|ext| ext.to_str()).unwrap_or_default().to_ascii_lowercase();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript",
        "css" => "text/css",
        "wasm" => "application/wasm",
        "json" | "map" => "application/json",
        "png" => "image/png",
        "svg" => "image/svg+xml",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "txt" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_inside_the_root_only() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).canonicalize().unwrap();
        assert_eq!(resolve(&root, "/Cargo.toml?x=1"), Ok(root.join("Cargo.toml")));
        assert_eq!(resolve(&root, "/src/%6Dain.rs"), Ok(root.join("src/main.rs")));
        assert_eq!(resolve(&root, "/"), Ok(root.join("index.html")));
        assert_eq!(resolve(&root, "/src/"), Err(404));
        assert_eq!(resolve(&root, "/missing.js"), Err(404));
        assert_eq!(resolve(&root, "/../Cargo.toml"), Err(403));
        assert_eq!(resolve(&root, "/src/%2e%2e/%2e%2e/Cargo.toml"), Err(403));
        assert_eq!(resolve(&root, "/src/..%2f..%2fCargo.toml"), Err(403));
        assert_eq!(resolve(&root, "/.git/config"), Err(404));
    }

    fn exchange(stream: &mut TcpStream, request: &str) -> String {
        stream.write_all(request.as_bytes()).unwrap();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut head = String::new();
        while !head.ends_with("\r\n\r\n") {
            reader.read_line(&mut head).unwrap();
        }
        let length = head
            .lines()
            .find_map(|line| line.strip_prefix("Content-Length: "))
            .map_or(0, |length| length.parse().unwrap());
        let length = if request.starts_with("HEAD") { 0 } else { length };
        let mut body = vec![0; length];
        reader.read_exact(&mut body).unwrap();
        head + &String::from_utf8(body).unwrap()
    }

    #[test]
    fn answers_many_keep_alive_connections_at_once() {
        let server = Server::start(Path::new(env!("CARGO_MANIFEST_DIR")), 0).unwrap();
        let mut connections: Vec<TcpStream> = (0..16).map(|_| TcpStream::connect(server.address).unwrap()).collect();
        for stream in &mut connections {
            stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
            let reply = exchange(stream, "GET /Cargo.toml HTTP/1.1\r\nHost: x\r\n\r\n");
            assert!(reply.starts_with("HTTP/1.1 200 OK\r\n"), "{reply}");
            assert!(reply.contains("Content-Type: application/octet-stream\r\n"));
            assert!(reply.contains("[package]"), "{reply}");
        }
        let stream = &mut connections[0];
        let reply = exchange(stream, "HEAD /src/main.rs HTTP/1.1\r\nHost: x\r\n\r\n");
        assert!(reply.starts_with("HTTP/1.1 200 OK\r\n") && reply.ends_with("\r\n\r\n"), "{reply}");
        let reply = exchange(stream, "GET /missing HTTP/1.1\r\nConnection: close\r\n\r\n");
        assert!(reply.starts_with("HTTP/1.1 404 Not Found\r\n") && reply.ends_with("not found\n"), "{reply}");
        let reply = exchange(&mut connections[1], "DELETE / HTTP/1.1\r\n\r\n");
        assert!(reply.starts_with("HTTP/1.1 405 "), "{reply}");
        let reply = exchange(&mut connections[2], "nonsense\r\n\r\n");
        assert!(reply.starts_with("HTTP/1.1 400 "), "{reply}");
    }

    #[test]
    fn serves_a_folder_under_a_base_path_to_any_origin() {
        let server = Server::start_under(Path::new(env!("CARGO_MANIFEST_DIR")), 0, "/assets/replica/").unwrap();
        assert!(server.url().ends_with("/assets/replica/"), "{}", server.url());
        let mut stream = TcpStream::connect(server.address).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let reply =
            exchange(&mut stream, "GET /assets/replica/Cargo.toml HTTP/1.1\r\nOrigin: http://lab.example\r\n\r\n");
        assert!(reply.starts_with("HTTP/1.1 200 OK\r\n") && reply.contains("[package]"), "{reply}");
        assert!(reply.contains("Access-Control-Allow-Origin: *\r\n"), "{reply}");
        let reply = exchange(&mut stream, "GET /Cargo.toml HTTP/1.1\r\n\r\n");
        assert!(reply.starts_with("HTTP/1.1 404 "), "{reply}");
        let reply = exchange(&mut stream, "GET /assets/replica HTTP/1.1\r\n\r\n");
        assert!(reply.starts_with("HTTP/1.1 301 ") && reply.contains("Location: /assets/replica/\r\n"), "{reply}");
        assert!(Server::start_under(Path::new("."), 0, "assets").is_err());
    }

    #[test]
    fn serves_the_web_types() {
        assert_eq!(content_type(Path::new("pkg/replica-learning_bg.wasm")), "application/wasm");
        assert_eq!(content_type(Path::new("www/app.MJS")), "text/javascript");
        assert_eq!(content_type(Path::new("index.html")), "text/html; charset=utf-8");
    }
}
