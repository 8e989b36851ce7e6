package io.verilock.service;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** What {@link VerilockServer} logs (INFO and up) while a block of a test runs. */
final class ServerLog {
    private ServerLog() {}

    static List<ILoggingEvent> during(Runnable body) {
        Logger logger = (Logger) LoggerFactory.getLogger(VerilockServer.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        Level level = logger.getLevel();
        logger.setLevel(Level.INFO);
        logger.addAppender(events);
        try {
            body.run();
        } finally {
            logger.detachAppender(events);
            logger.setLevel(level);
        }
        return List.copyOf(events.list);
    }

    /** Starts a server, runs {@code body} against it, stops it; the events logged meanwhile, start and stop included. */
    static List<ILoggingEvent> around(Supplier<TestServer> start, Consumer<TestServer> body) {
        return during(() -> {
            try (TestServer t = start.get()) {
                body.accept(t);
            }
        });
    }

    static List<String> messages(List<ILoggingEvent> events) {
        return events.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
