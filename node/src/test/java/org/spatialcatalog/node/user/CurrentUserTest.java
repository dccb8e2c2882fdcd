package org.spatialcatalog.node.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

class CurrentUserTest {

  @AfterEach
  void clear() {
    SecurityContextHolder.clearContext();
  }

  @Test
  void anonymousRequestsAreGuestsWithOnlyTheEveryoneToken() {
    SecurityContextHolder.getContext()
        .setAuthentication(
            new AnonymousAuthenticationToken(
                "key", "anonymousUser", List.of(new SimpleGrantedAuthority("ROLE_ANONYMOUS"))));
    assertThat(CurrentUser.get()).isEqualTo(CatalogUser.GUEST);
    assertThat(CurrentUser.get().tokens()).containsExactly("all");
    assertThat(CurrentUser.get().isEditor()).isFalse();
  }

  @Test
  void loggedInUsersCarryTheirGroupAndUserTokens() {
    CatalogUser alice = new CatalogUser(7, "alice", Profile.EDITOR, Set.of(3L));
    SecurityContextHolder.getContext().setAuthentication(Authenticator.token(alice));
    assertThat(CurrentUser.get()).isEqualTo(alice);
    assertThat(CurrentUser.get().tokens()).containsExactlyInAnyOrder("all", "g:3", "u:7");
  }

  @Test
  void aThreadWithoutAnyAuthenticationIsAGuestNeverAnAdministrator() {
    SecurityContextHolder.clearContext();
    assertThat(CurrentUser.get()).isEqualTo(CatalogUser.GUEST);
    assertThat(CurrentUser.get().isAdministrator()).isFalse();
  }

  @Test
  void backgroundWorkActsAsTheSystemOnlyInsideRunAsAndTheCallerIsRestoredAfterwards() {
    CatalogUser alice = new CatalogUser(7, "alice", Profile.EDITOR, Set.of(3L));
    SecurityContextHolder.getContext().setAuthentication(Authenticator.token(alice));
    CatalogUser inside = CurrentUser.runAs(CurrentUser.SYSTEM, CurrentUser::get);
    assertThat(inside).isEqualTo(CurrentUser.SYSTEM);
    assertThat(inside.isAdministrator()).isTrue();
    assertThat(CurrentUser.get()).isEqualTo(alice);

    SecurityContextHolder.clearContext();
    try {
      CurrentUser.runAs(
          CurrentUser.SYSTEM,
          () -> {
            throw new IllegalStateException("job failed");
          });
    } catch (IllegalStateException expected) {
      // the identity must not outlive the failed work
    }
    assertThat(CurrentUser.get()).isEqualTo(CatalogUser.GUEST);
  }
}
