package org.spatialcatalog.node.harvest;

import java.nio.file.Path;
import java.util.List;

/**
 * What a {@link SourceReader} may use: the job's abortable HTTP client, the page size and the
 * directories a folder harvester may read.
 */
public record SourceAccess(SourceHttp http, int pageSize, List<Path> folderRoots) {}
