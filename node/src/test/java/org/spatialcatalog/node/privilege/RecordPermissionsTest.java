package org.spatialcatalog.node.privilege;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.spatialcatalog.node.record.RecordAccess;
import org.spatialcatalog.node.record.RecordNotFoundException;
import org.spatialcatalog.node.record.StoredRecord;
import org.spatialcatalog.node.user.CatalogUser;
import org.spatialcatalog.node.user.Profile;

/** The privilege rules of {@link RecordPermissions}, one user and one record at a time. */
class RecordPermissionsTest {

  private static final long GROUP = 7;
  private static final long OTHER_GROUP = 8;

  private final RecordPermissions permissions = new RecordPermissions(null);

  private static final CatalogUser ADMIN =
      new CatalogUser(0, "admin", Profile.ADMINISTRATOR, Set.of());
  private static final CatalogUser OWNER = new CatalogUser(11, "owner", Profile.EDITOR, Set.of());
  private static final CatalogUser GROUP_EDITOR =
      new CatalogUser(12, "colleague", Profile.EDITOR, Set.of(GROUP));
  private static final CatalogUser GROUP_READER =
      new CatalogUser(13, "reader", Profile.REGISTERED_USER, Set.of(GROUP));
  private static final CatalogUser STRANGER_EDITOR =
      new CatalogUser(14, "stranger", Profile.EDITOR, Set.of(OTHER_GROUP));

  private static StoredRecord record(Map<String, Set<String>> operations) {
    return new StoredRecord(
        "a0000000_r1",
        "uuid-1",
        "iso19139",
        "Title",
        "Abstract",
        List.of(),
        null,
        Instant.EPOCH,
        1,
        Instant.EPOCH,
        Instant.EPOCH,
        new RecordAccess(OWNER.id(), GROUP, operations));
  }

  @Test
  void aPublicRecordIsViewableByEveryoneButItsFilesOnlyByOwnerGroupAndAdmin() {
    StoredRecord r = record(RecordAccess.PUBLIC);
    for (CatalogUser u :
        List.of(CatalogUser.GUEST, ADMIN, OWNER, GROUP_EDITOR, GROUP_READER, STRANGER_EDITOR)) {
      assertThat(permissions.canView(u, r)).as(u.username()).isTrue();
    }
    assertThat(permissions.canDownload(CatalogUser.GUEST, r)).isFalse();
    assertThat(permissions.canDownload(STRANGER_EDITOR, r)).isFalse();
    assertThat(permissions.canDownload(OWNER, r)).isTrue();
    assertThat(permissions.canDownload(GROUP_READER, r)).isTrue();
    assertThat(permissions.canDownload(ADMIN, r)).isTrue();
  }

  @Test
  void aRestrictedRecordIsHiddenFromOutsidersAndCheckViewSaysNotFoundNotForbidden() {
    StoredRecord r = record(Map.of());
    assertThat(permissions.canView(CatalogUser.GUEST, r)).isFalse();
    assertThat(permissions.canView(STRANGER_EDITOR, r)).isFalse();
    assertThat(permissions.canView(GROUP_READER, r)).isTrue();
    assertThat(permissions.canView(OWNER, r)).isTrue();
    assertThat(permissions.canView(ADMIN, r)).isTrue();
    assertThatThrownBy(() -> permissions.checkView(STRANGER_EDITOR, r, "uuid-1"))
        .isInstanceOf(RecordNotFoundException.class)
        .hasMessageContaining("uuid-1")
        .hasMessageNotContaining("a0000000_r1");
  }

  @Test
  void editingNeedsTheEditorProfileAndOwnershipGroupOrAnEditingGrant() {
    StoredRecord r = record(RecordAccess.PUBLIC);
    assertThat(permissions.canEdit(OWNER, r)).isTrue();
    assertThat(permissions.canEdit(GROUP_EDITOR, r)).isTrue();
    assertThat(permissions.canEdit(ADMIN, r)).isTrue();
    // In the owning group, but not an editor.
    assertThat(permissions.canEdit(GROUP_READER, r)).isFalse();
    assertThat(permissions.canEdit(STRANGER_EDITOR, r)).isFalse();
    assertThat(permissions.canEdit(CatalogUser.GUEST, r)).isFalse();

    StoredRecord granted =
        record(
            Map.of(
                RecordAccess.ALL,
                Set.of(RecordAccess.VIEW),
                Long.toString(OTHER_GROUP),
                Set.of(RecordAccess.EDITING)));
    assertThat(permissions.canEdit(STRANGER_EDITOR, granted)).isTrue();
    assertThatThrownBy(() -> permissions.checkEdit(GROUP_READER, granted))
        .isInstanceOf(NotAllowedException.class)
        .hasMessageContaining("reader");
  }

  @Test
  void anEditingGrantDoesNotAllowChangingPrivileges() {
    StoredRecord granted = record(Map.of(Long.toString(OTHER_GROUP), Set.of(RecordAccess.EDITING)));
    assertThat(permissions.canChangePrivileges(STRANGER_EDITOR, granted)).isFalse();
    assertThat(permissions.canChangePrivileges(OWNER, granted)).isTrue();
    assertThat(permissions.canChangePrivileges(GROUP_EDITOR, granted)).isTrue();
    assertThat(permissions.canChangePrivileges(ADMIN, granted)).isTrue();
    assertThatThrownBy(() -> permissions.checkChangePrivileges(STRANGER_EDITOR, granted))
        .isInstanceOf(NotAllowedException.class)
        .hasMessageContaining("only its owner");
  }

  @Test
  void aDownloadGrantNeedsViewToo() {
    StoredRecord downloadOnly =
        record(Map.of(Long.toString(OTHER_GROUP), Set.of(RecordAccess.DOWNLOAD)));
    assertThat(permissions.canDownload(STRANGER_EDITOR, downloadOnly)).isFalse();
    StoredRecord both =
        record(
            Map.of(Long.toString(OTHER_GROUP), Set.of(RecordAccess.VIEW, RecordAccess.DOWNLOAD)));
    assertThat(permissions.canDownload(STRANGER_EDITOR, both)).isTrue();
  }

  @Test
  void aNewRecordBelongsToItsCreatorAndTheCreatorsLowestGroup() {
    CatalogUser editor = new CatalogUser(20, "e", Profile.EDITOR, Set.of(9L, 3L, 5L));
    RecordAccess access = permissions.newRecord(editor);
    assertThat(access.ownerId()).isEqualTo(20L);
    assertThat(access.groupOwner()).isEqualTo(3L);
    assertThat(access.operations()).isEqualTo(RecordAccess.PUBLIC);
    // The configured admin (id 0) owns nothing by id.
    assertThat(permissions.newRecord(ADMIN).ownerId()).isNull();
    assertThatThrownBy(() -> permissions.newRecord(GROUP_READER))
        .isInstanceOf(NotAllowedException.class)
        .hasMessageContaining("Editor");
  }
}
