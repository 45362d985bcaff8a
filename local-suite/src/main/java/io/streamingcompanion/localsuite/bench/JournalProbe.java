package io.streamingcompanion.localsuite.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a delivery's latency in two, after the run: the gateway's Redis journal keeps, with each entry, the
 * moment its journal writer took the event from Kafka ({@code at}, milliseconds). Produce time to that moment
 * is Kafka and the shared journal consumer; the rest of a delivery is the append, Redis pub/sub and the
 * fan-out to the sockets. Read with a few plain RESP commands, so local-suite needs no Redis client.
 */
final class JournalProbe {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JOURNAL = "gateway:journal:";

    private JournalProbe() {
    }

    /** Produce → journal writer, in microseconds, for the journaled tips whose message starts with {@code phase}. */
    static LatencyHistogram pickupDelays(String redisUrl, List<String> creatorIds, char phase) throws IOException {
        URI uri = URI.create(redisUrl);
        LatencyHistogram delays = new LatencyHistogram();
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            for (String creatorId : creatorIds) {
                command(out, "XRANGE", JOURNAL + creatorId, "-", "+");
                for (Object entry : (List<?>) read(in)) {
                    List<?> fields = (List<?>) ((List<?>) entry).get(1);
                    String event = null;
                    String overlay = null;
                    long atMillis = -1;
                    for (int i = 0; i + 1 < fields.size(); i += 2) {
                        switch ((String) fields.get(i)) {
                            case "event" -> event = (String) fields.get(i + 1);
                            case "overlay" -> overlay = (String) fields.get(i + 1);
                            case "at" -> atMillis = Long.parseLong((String) fields.get(i + 1));
                            default -> { }
                        }
                    }
                    if (!"tip_received".equals(event) || overlay == null || atMillis < 0) {
                        continue;
                    }
                    JsonNode tip = JSON.readTree(overlay).path("tip");
                    if (!tip.path("message").asText().startsWith(String.valueOf(phase))) {
                        continue;
                    }
                    long producedMicros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse(tip.path("receivedAt").asText()));
                    delays.record(atMillis * 1000 - producedMicros);
                }
            }
        }
        return delays;
    }

    private static void command(OutputStream out, String... arguments) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("*" + arguments.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (String argument : arguments) {
            byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
            request.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            request.writeBytes(bytes);
            request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.write(request.toByteArray());
        out.flush();
    }

    /** One RESP2 reply: arrays as lists, bulk and simple strings as strings, integers as longs. */
    private static Object read(InputStream in) throws IOException {
        int type = in.read();
        String line = line(in);
        return switch (type) {
            case '*' -> {
                int count = Integer.parseInt(line);
                List<Object> items = new ArrayList<>(Math.max(0, count));
                for (int i = 0; i < count; i++) {
                    items.add(read(in));
                }
                yield count < 0 ? null : items;
            }
            case '$' -> {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    yield null;
                }
                byte[] data = in.readNBytes(length);
                in.readNBytes(2);
                yield new String(data, StandardCharsets.UTF_8);
            }
            case '+' -> line;
            case ':' -> Long.parseLong(line);
            case '-' -> throw new IOException("Redis answered: " + line);
            default -> throw new IOException("Not a RESP reply (type byte " + type + ")");
        };
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        for (int current = in.read(); current >= 0; current = in.read()) {
            if (previous == '\r' && current == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(current);
            previous = current;
        }
        throw new IOException("Redis closed the connection");
    }
}
