package io.verilock.service;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** H2 file databases get WRITE_DELAY=0 (CrashSafetyTest shows why); in-memory H2 and PostgreSQL are left alone. */
class DurableUrlTest {
    @Test
    void h2FileUrlsCommitToTheFileBeforeAnswering() {
        assertThat(Database.durableUrl("jdbc:h2:file:/d/db/verilock;MODE=PostgreSQL"))
                .isEqualTo("jdbc:h2:file:/d/db/verilock;MODE=PostgreSQL;WRITE_DELAY=0");
        assertThat(Database.durableUrl("jdbc:h2:/d/db/verilock")).isEqualTo("jdbc:h2:/d/db/verilock;WRITE_DELAY=0");
        assertThat(Database.durableUrl("jdbc:h2:file:/d/x;write_delay=0")).isEqualTo("jdbc:h2:file:/d/x;write_delay=0");
        // An explicit choice is kept (the server warns at start).
        assertThat(Database.durableUrl("jdbc:h2:file:/d/x;WRITE_DELAY=500")).isEqualTo("jdbc:h2:file:/d/x;WRITE_DELAY=500");
        assertThat(Database.durableUrl("jdbc:h2:mem:x;MODE=PostgreSQL")).isEqualTo("jdbc:h2:mem:x;MODE=PostgreSQL");
        assertThat(Database.durableUrl("jdbc:postgresql://db:5432/verilock")).isEqualTo("jdbc:postgresql://db:5432/verilock");
    }
}
