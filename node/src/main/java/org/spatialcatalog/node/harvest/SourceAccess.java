package org.spatialcatalog.node.harvest;

import java.nio.file.Path;
import java.util.List;

/**
 * What a {@link SourceReader} may use: the job's abortable HTTP client, the page size, the
 * directories a folder harvester may read, and when the harvester's last successful run started
 * (null when it never succeeded), for sources that can list only what changed since.
 */
public record SourceAccess(
    SourceHttp http, int pageSize, List<Path> folderRoots, java.time.Instant lastSuccessStarted) {}
