package org.spatialcatalog.node.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

  @Test
  void forwardedForIsIgnoredUnlessThePeerIsATrustedProxy() {
    ClientAddress none = new ClientAddress(List.of());
    assertThat(none.of("10.0.0.5", List.of("198.51.100.7"))).isEqualTo("10.0.0.5");
    ClientAddress lb = new ClientAddress(List.of("10.0.0.1"));
    assertThat(lb.of("10.0.0.5", List.of("198.51.100.7"))).isEqualTo("10.0.0.5");
  }

  @Test
  void behindTrustedProxiesTheRightMostUntrustedEntryCountsSoClientsCannotChooseIt() {
    ClientAddress lb = new ClientAddress(List.of("10.0.0.1", "10.0.0.2"));
    assertThat(lb.of("10.0.0.1", List.of("198.51.100.7"))).isEqualTo("198.51.100.7");
    assertThat(lb.of("10.0.0.1", List.of("6.6.6.6, 198.51.100.7"))).isEqualTo("198.51.100.7");
    assertThat(lb.of("10.0.0.1", List.of("6.6.6.6", "198.51.100.7, 10.0.0.2")))
        .isEqualTo("198.51.100.7");
    assertThat(lb.of("10.0.0.1", List.of())).isEqualTo("10.0.0.1");
    assertThat(lb.of("10.0.0.1", List.of("x".repeat(500)))).hasSize(64);
  }
}
