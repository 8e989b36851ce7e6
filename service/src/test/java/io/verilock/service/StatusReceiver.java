package io.verilock.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A webhook receiver on loopback that answers 200 and keeps the status each session's latest delivery carried. */
final class StatusReceiver implements AutoCloseable {
    final Map<String, String> statuses = new ConcurrentHashMap<>();
    private final HttpServer server;

    StatusReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            JsonNode body = Json.read(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            statuses.put(body.get("id").asText(), body.get("status").asText());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    String url() { return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook"; }

    @Override
    public void close() { server.stop(0); }
}
