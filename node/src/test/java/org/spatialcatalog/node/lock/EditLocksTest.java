package org.spatialcatalog.node.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialcatalog.config.NodeIdentity;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Lock expiry and renewal against the real schema, with a clock the test moves. */
class EditLocksTest {

  static final Duration IDLE = Duration.ofMinutes(15);

  @TempDir Path dir;
  MovableClock clock = new MovableClock(Instant.parse("2026-11-23T12:00:00Z"));
  EditLocks locks;

  @BeforeEach
  void migrate() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    Flyway.configure()
        .dataSource(ds)
        .locations("classpath:db/migration/common", "classpath:db/migration/h2")
        .load()
        .migrate();
    locks =
        new EditLocks(
            JdbcClient.create(ds), clock, new LockProperties(IDLE), NodeIdentity.loadOrCreate(dir));
  }

  @Test
  void aLockExpiresAfterTheIdleTimeoutUnlessRenewed() {
    EditLock taken = locks.acquire("r1", "alice");
    assertThat(taken.expires()).isEqualTo(clock.instant().plus(IDLE));

    clock.advance(IDLE.minusSeconds(1));
    assertThatThrownBy(() -> locks.acquire("r1", "bob"))
        .isInstanceOf(EditLockException.class)
        .hasMessageContaining("held by alice")
        .hasMessageContaining("since " + taken.acquired());

    // Taking it again renews it and keeps when it was first acquired.
    EditLock renewed = locks.acquire("r1", "alice");
    assertThat(renewed.acquired()).isEqualTo(taken.acquired());
    assertThat(renewed.expires()).isEqualTo(clock.instant().plus(IDLE));

    clock.advance(IDLE);
    assertThat(locks.current("r1")).isEmpty();
    assertThat(locks.all()).isEmpty();
    EditLock bobs = locks.acquire("r1", "bob");
    assertThat(bobs.holder()).isEqualTo("bob");
    assertThat(bobs.acquired()).isEqualTo(clock.instant());
  }

  @Test
  void onlyTheHolderReleasesWithoutForce() {
    locks.acquire("r2", "alice");
    assertThat(locks.release("r2", "bob")).isFalse();
    assertThat(locks.current("r2")).isPresent();
    assertThat(locks.forceRelease("r2")).isTrue();
    assertThat(locks.current("r2")).isEmpty();
    assertThat(locks.release("r2", "alice")).isFalse();
  }

  static final class MovableClock extends Clock {
    private Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
