//! Live video: a selective forwarding unit inside the app. The stream
//! console (or OBS) publishes with WHIP, viewers subscribe with WHEP, and
//! the frames are forwarded as they come — no transcoding. Every peer
//! shares one UDP port (ICE-lite). A stream is served by the node holding
//! its publisher; the stream row names that node so others can redirect.

pub mod net;
pub mod rest;
pub mod service;
pub mod sfu;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use str0m::change::SdpOffer;
use str0m::config::CryptoProvider;
use str0m::{Candidate, Rtc};
use tokio::sync::mpsc;

use crate::error::AppError;
use crate::server::config::Settings;

/// Which way a peer's media goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Sends the stream (WHIP).
    Publisher,
    /// Receives it (WHEP).
    Viewer,
}

/// The handle every request uses; cheap to clone.
#[derive(Clone)]
pub struct Video(Arc<Inner>);

struct Inner {
    commands: mpsc::UnboundedSender<sfu::Command>,
    crypto: Arc<CryptoProvider>,
    locals: Vec<SocketAddr>,
    on_air: sfu::OnAir,
    node_url: String,
    udp: SocketAddr,
}

impl Video {
    /// Bind the UDP port and start forwarding.
    pub async fn start(settings: &Settings) -> Result<Self, String> {
        let socket = net::bind(&settings.live).await?;
        let udp = socket.local_addr().map_err(|e| e.to_string())?;
        let locals = net::candidates(udp, settings.live.public_ip, settings.live.public_port);
        let on_air = sfu::OnAir::default();
        let (commands, rx) = mpsc::unbounded_channel();
        tokio::spawn(sfu::run(socket, rx, locals.clone(), on_air.clone()));
        tracing::info!(%udp, advertised = ?locals, "live video listening");
        Ok(Self(Arc::new(Inner {
            commands,
            crypto: Arc::new(str0m::crypto::from_feature_flags()),
            locals,
            on_air,
            node_url: settings.node_url().to_owned(),
            udp,
        })))
    }

    /// Where this node listens for video.
    pub fn udp(&self) -> SocketAddr {
        self.0.udp
    }

    /// This node's public URL (what a stream row records).
    pub fn node_url(&self) -> &str {
        &self.0.node_url
    }

    /// Whether this node holds the publisher of `stream`.
    pub fn carries(&self, stream: &str) -> bool {
        self.0.on_air.lock().map(|s| s.contains(stream)).unwrap_or(false)
    }

    /// Answer an SDP offer: a peer ready to join, and the answer's text.
    /// A malformed offer, or one without audio or video, is the caller's error.
    pub fn answer(&self, offer: &str) -> Result<(Rtc, String), AppError> {
        let bad = |why: &str| AppError::field("sdp", format!("The SDP offer {why}."));
        let offer = SdpOffer::from_sdp_string(offer).map_err(|_| bad("cannot be read"))?;
        let mut rtc = Rtc::builder()
            .set_ice_lite(true)
            .set_crypto_provider(self.0.crypto.clone())
            .build(Instant::now());
        for addr in &self.0.locals {
            let candidate = Candidate::host(*addr, "udp").map_err(|_| AppError::Internal)?;
            rtc.add_local_candidate(candidate);
        }
        let answer = rtc.sdp_api().accept_offer(offer).map_err(|_| bad("cannot be answered"))?;
        let sdp = answer.to_sdp_string();
        if !sdp.contains("m=audio") && !sdp.contains("m=video") {
            return Err(bad("has neither audio nor video"));
        }
        Ok((rtc, sdp))
    }

    /// Hand an answered peer to the forwarding loop.
    pub fn join(&self, token: &str, stream: &str, role: Role, rtc: Rtc) {
        let command = sfu::Command::Join {
            token: token.to_owned(),
            stream: stream.to_owned(),
            role,
            rtc: Box::new(rtc),
        };
        if self.0.commands.send(command).is_err() {
            tracing::error!("live video loop is gone");
        }
    }

    /// A WHIP/WHEP session's `DELETE`.
    pub fn leave(&self, token: &str) {
        let _ = self.0.commands.send(sfu::Command::Leave { token: token.to_owned() });
    }

    /// The stream is over: drop its publisher and viewers here.
    pub fn end(&self, stream: &str) {
        let _ = self.0.commands.send(sfu::Command::End { stream: stream.to_owned() });
    }
}
