package fr.passerelle.hub.sftp;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Names of files in the archive of processed files: the time of archiving first, so the same name sent twice keeps
 * both copies and a listing reads in order.
 */
final class ArchiveNames {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'");

    private ArchiveNames() {
    }

    static String of(String safeFileName) {
        return ZonedDateTime.now(ZoneOffset.UTC).format(STAMP) + "-" + safeFileName;
    }
}
