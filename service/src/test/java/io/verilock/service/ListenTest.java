package io.verilock.service;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/** Where the server listens: VERILOCK_BIND_ADDRESS, and a port already in use (service/README.md, "Configuration"). */
class ListenTest {

    @Test
    void listensOnLoopbackOnlyByDefault() throws Exception {
        assertThat(Config.fromEnv(Map.of()).bindAddress()).isEqualTo("127.0.0.1");
        Optional<InetAddress> external = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .filter(i -> !isLoopback(i)).flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                .filter(a -> a instanceof java.net.Inet4Address).findFirst();
        try (TestServer t = TestServer.start("h2")) {
            assertThat(t.get("/health", null).status()).isEqualTo(200);
            assumeThat(external).as("no non-loopback IPv4 address on this machine: only the loopback half was checked").isPresent();
            try (Socket s = new Socket()) {
                assertThatThrownBy(() -> s.connect(new InetSocketAddress(external.get(), t.server.port()), 2000))
                        .as("connecting through " + external.get()).isInstanceOf(java.net.ConnectException.class);
            }
        }
    }

    @Test
    void aPortInUseIsOneClearErrorAndMintsNoKey() throws Exception {
        Path dir = Files.createTempDirectory("verilock-port");
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            System.setOut(new PrintStream(printed, true));
            Map<String, String> env = Map.of("VERILOCK_PORT", Integer.toString(taken.getLocalPort()), "VERILOCK_DATA_DIR", dir.toString());
            assertThatThrownBy(() -> VerilockServer.start(Config.fromEnv(env)))
                    .isInstanceOf(VerilockServer.PortInUseException.class)
                    .hasMessage("port " + taken.getLocalPort() + " on 127.0.0.1 is already in use: stop the program using it, "
                            + "or choose another port with --port or VERILOCK_PORT");
        } finally {
            System.setOut(out);
        }
        // Nothing was started, so no demo key was generated, printed or stored.
        assertThat(printed.toString()).doesNotContain("vl_test_");
        assertThat(dir.resolve("db")).doesNotExist();
    }

    @Test
    void anAddressNotOfThisMachineIsAConfigurationError() {
        Map<String, String> env = Map.of("VERILOCK_PORT", "0", "VERILOCK_BIND_ADDRESS", "192.0.2.1"); // TEST-NET-1
        assertThatThrownBy(() -> VerilockServer.start(Config.fromEnv(env)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("VERILOCK_BIND_ADDRESS");
    }

    private static boolean isLoopback(NetworkInterface i) {
        try {
            return i.isLoopback() || !i.isUp();
        } catch (java.net.SocketException e) {
            return true;
        }
    }
}
