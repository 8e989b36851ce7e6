package io.verilock.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/** The serve options that decide the demo switch (the rule itself: DemoSwitchTest in the service). */
class ServeCommandTest {

    private static ServeCommand parse(String... args) {
        ServeCommand c = new ServeCommand();
        new CommandLine(c).parseArgs(args);
        return c;
    }

    @Test
    void demoIsLeftToTheConfigurationUnlessGiven() {
        assertThat(parse().demo).isNull();
        assertThat(parse("--no-demo").demo).isFalse();
        assertThat(parse("--demo").demo).isTrue();
        assertThat(parse("--port", "0", "--no-demo").port).isZero();
    }
}
