package org.spatialcatalog.node.harvest.source;

import java.nio.file.Path;
import java.util.List;

/**
 * What a {@link SourceReader} may use: the job's abortable HTTP client, the page size, the
 * directories a folder harvester may read, when the harvester's last successful run started (null
 * when it never succeeded), for sources that can list only what changed since, and the size limit
 * of one record ({@code catalog.max-record-size}, counted in characters), for pages read record by
 * record with a {@link RecordSplitter}.
 */
public record SourceAccess(
    SourceHttp http,
    int pageSize,
    List<Path> folderRoots,
    java.time.Instant lastSuccessStarted,
    long maxRecordSize) {}
