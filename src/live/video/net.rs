//! The one UDP socket every WebRTC peer shares, and the addresses browsers
//! are told to send to (ICE-lite: the server never gathers, it only answers).

use std::net::{IpAddr, Ipv4Addr, SocketAddr, UdpSocket};

use crate::server::config::LiveSettings;

/// The host candidates to advertise for a socket bound to `bound`.
///
/// A socket on one address is reached there (or at the configured public
/// IP/port, for a server behind NAT). A socket on every interface is
/// advertised at the public IP (else the interface that routes outwards)
/// and at loopback, so a browser on the same machine reaches it too.
pub fn candidates(bound: SocketAddr, public_ip: Option<IpAddr>, public_port: Option<u16>) -> Vec<SocketAddr> {
    let port = public_port.unwrap_or(bound.port());
    if !bound.ip().is_unspecified() {
        return vec![SocketAddr::new(public_ip.unwrap_or(bound.ip()), port)];
    }
    let loopback = SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), bound.port());
    match public_ip.or_else(outward_ip) {
        Some(ip) if !ip.is_loopback() => vec![SocketAddr::new(ip, port), loopback],
        _ => vec![loopback],
    }
}

/// The address of the interface that routes to the internet (no packet is
/// sent: connecting a UDP socket only picks the route).
fn outward_ip() -> Option<IpAddr> {
    let probe = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0)).ok()?;
    probe.connect((Ipv4Addr::new(192, 0, 2, 1), 9)).ok()?;
    probe.local_addr().ok().map(|a| a.ip()).filter(|ip| !ip.is_unspecified())
}

/// Which advertised candidate a datagram from `source` was sent to: the
/// loopback one for a local sender, else the first (public) one. ICE only
/// answers checks that name one of its own host candidates.
pub fn destination(locals: &[SocketAddr], source: SocketAddr) -> SocketAddr {
    let wanted_loopback = source.ip().is_loopback();
    locals.iter().copied().find(|a| a.ip().is_loopback() == wanted_loopback).unwrap_or(locals[0])
}

/// Bind the socket, or say which setting to change.
pub async fn bind(settings: &LiveSettings) -> Result<tokio::net::UdpSocket, String> {
    tokio::net::UdpSocket::bind(settings.udp)
        .await
        .map_err(|e| format!("cannot listen for live video on UDP {} (BAZAAR_RTC_UDP): {e}", settings.udp))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addr(s: &str) -> SocketAddr {
        s.parse().unwrap()
    }

    #[test]
    fn a_socket_on_one_address_is_advertised_there_or_at_the_public_address() {
        assert_eq!(candidates(addr("127.0.0.1:8189"), None, None), [addr("127.0.0.1:8189")]);
        let public = Some("203.0.113.7".parse().unwrap());
        assert_eq!(candidates(addr("10.0.0.5:8189"), public, Some(30000)), [addr("203.0.113.7:30000")]);
    }

    #[test]
    fn a_socket_on_every_interface_is_advertised_at_the_public_address_and_loopback() {
        let public = Some("203.0.113.7".parse().unwrap());
        let locals = candidates(addr("0.0.0.0:8189"), public, None);
        assert_eq!(locals, [addr("203.0.113.7:8189"), addr("127.0.0.1:8189")]);
        assert_eq!(destination(&locals, addr("127.0.0.1:5000")), addr("127.0.0.1:8189"));
        assert_eq!(destination(&locals, addr("198.51.100.3:5000")), addr("203.0.113.7:8189"));
        assert!(candidates(addr("0.0.0.0:8189"), None, None).contains(&addr("127.0.0.1:8189")));
    }
}
