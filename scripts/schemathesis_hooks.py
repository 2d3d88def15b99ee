"""Schemathesis hooks for Bazaar's fuzz run (scripts/schemathesis).

WHIP and WHEP take `application/sdp` bodies, which Schemathesis cannot
generate by itself: offer it SDP-shaped text, broken SDP and arbitrary bytes.
"""
from hypothesis import strategies as st

import schemathesis

_OFFER = (
    b"v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
    b"a=group:BUNDLE 0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\n"
    b"a=mid:0\r\na=recvonly\r\na=ice-ufrag:abcd\r\na=ice-pwd:abcdefghijklmnopqrstuvwx\r\n"
    b"a=fingerprint:sha-256 00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF\r\n"
    b"a=setup:actpass\r\na=rtcp-mux\r\na=rtpmap:96 VP8/90000\r\n"
)

schemathesis.openapi.media_type(
    "application/sdp",
    st.one_of(
        st.just(_OFFER),
        st.sampled_from([b"", b"v=0\r\n", b"m=audio 9 RTP/AVP 0\r\n"]),
        st.text(max_size=512).map(lambda t: t.encode("utf-8")),
        st.binary(max_size=512),
    ),
)
