package io.streamingcompanion.streamtoken.domain;

/**
 * How the creator streams: {@code WEBRTC} from the browser camera, {@code RTMP} or {@code WHIP} from OBS through
 * a LiveKit ingress. The seed's {@code RTMP} mode ("OBS") is split by the ingress input type.
 */
public enum StreamMode {
    WEBRTC, RTMP, WHIP
}
