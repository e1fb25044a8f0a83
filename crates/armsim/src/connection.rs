//! Connections a handler can cut: the dropped-connection and cut-mid-body faults close the
//! socket the call came on without (the rest of) an answer, which a browser's `fetch` reports
//! as a network error.
//!
//! axum gives handlers no hold on their socket, so armsim serves through its own listener whose
//! streams carry a shared switch, handed to each call as its [`Connection`] (axum's
//! `ConnectInfo`). Once cut, the stream refuses every write: hyper, writing the handler's
//! answer, gets an error, abandons the connection and drops the socket, so the client sees the
//! connection end (`FIN`, or `RST` when asked) with nothing more sent.

use axum::extract::connect_info::Connected;
use axum::serve::IncomingStream;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};

/// The switch shared by a stream and the calls it carries.
#[derive(Debug, Default)]
struct Switch {
    cut: AtomicBool,
    /// Close with a TCP reset rather than an orderly end of stream.
    reset: AtomicBool,
}

/// A TCP listener whose connections can be cut by the calls they carry.
pub struct Listener(TcpListener);

impl Listener {
    /// Wraps a bound listener.
    #[must_use]
    pub fn new(listener: TcpListener) -> Self {
        Self(listener)
    }
}

impl axum::serve::Listener for Listener {
    type Io = Wire;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Wire, SocketAddr) {
        loop {
            match self.0.accept().await {
                Ok((stream, addr)) => {
                    return (Wire { stream, switch: Arc::new(Switch::default()) }, addr)
                }
                // Out of file descriptors and the like: wait a little rather than spin.
                Err(_) => tokio::time::sleep(std::time::Duration::from_millis(50)).await,
            }
        }
    }

    fn local_addr(&self) -> io::Result<SocketAddr> {
        self.0.local_addr()
    }
}

/// One accepted connection's stream.
pub struct Wire {
    stream: TcpStream,
    switch: Arc<Switch>,
}

impl Wire {
    fn cut(&self) -> Option<io::Error> {
        if !self.switch.cut.load(Ordering::SeqCst) {
            return None;
        }
        if self.switch.reset.load(Ordering::SeqCst) {
            // Linger zero: closing the socket sends RST and discards anything unsent.
            let _ = self.stream.set_zero_linger();
        }
        Some(io::Error::new(io::ErrorKind::ConnectionAborted, "cut by an armsim fault"))
    }
}

impl AsyncRead for Wire {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        if self.switch.cut.load(Ordering::SeqCst) {
            // End of stream: nothing more is read from a cut connection.
            return Poll::Ready(Ok(()));
        }
        Pin::new(&mut self.get_mut().stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for Wire {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<io::Result<usize>> {
        if let Some(e) = self.cut() {
            return Poll::Ready(Err(e));
        }
        Pin::new(&mut self.get_mut().stream).poll_write(cx, data)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        if let Some(e) = self.cut() {
            return Poll::Ready(Err(e));
        }
        Pin::new(&mut self.get_mut().stream).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_shutdown(cx)
    }
}

/// The connection a call came on, to cut it.
#[derive(Clone, Debug)]
pub struct Connection(Arc<Switch>);

impl Connection {
    /// From now on nothing more is written on this connection; hyper then closes it. With
    /// `reset` the close is a TCP reset.
    pub fn cut(&self, reset: bool) {
        self.0.reset.store(reset, Ordering::SeqCst);
        self.0.cut.store(true, Ordering::SeqCst);
    }
}

impl Connected<IncomingStream<'_, Listener>> for Connection {
    fn connect_info(stream: IncomingStream<'_, Listener>) -> Self {
        Self(stream.io().switch.clone())
    }
}
