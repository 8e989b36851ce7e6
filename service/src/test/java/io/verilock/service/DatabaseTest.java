package io.verilock.service;

import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Base of the tests that need a server: each subclass runs once on H2 and once on PostgreSQL (skipped unless
 * VERILOCK_TEST_PG_URL is set), against one server per run.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.verilock.service.TestServer#databases")
abstract class DatabaseTest {
    static TestServer t;
    /** The database of this run; declared so the lifecycle methods receive it. */
    @Parameter String db;

    @BeforeParameterizedClassInvocation
    static void startServer(String db) { t = TestServer.start(db); }

    @AfterParameterizedClassInvocation
    static void stopServer() {
        if (t != null) t.close();
        t = null;
    }
}
