-- SKOS thesauri. Every change bumps the thesaurus revision, so nodes that missed a message notice.
CREATE TABLE thesaurus (
    id            VARCHAR(128)  NOT NULL PRIMARY KEY,
    title         VARCHAR(1000) NOT NULL,
    uri           VARCHAR(2000),
    revision      BIGINT        NOT NULL,
    imported_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE TABLE thesaurus_concept (
    thesaurus_id  VARCHAR(128)  NOT NULL,
    uri           VARCHAR(2000) NOT NULL,
    labels        TEXT          NOT NULL,
    broader       TEXT,
    narrower      TEXT,
    PRIMARY KEY (thesaurus_id, uri),
    CONSTRAINT fk_concept_thesaurus FOREIGN KEY (thesaurus_id) REFERENCES thesaurus (id) ON DELETE CASCADE
);
