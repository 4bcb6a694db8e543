package fr.passerelle.hub.directory;

import java.time.LocalDate;
import java.util.List;

/**
 * What one import of data·inclusion records did.
 *
 * @param applied      records stored, new or changed
 * @param unchanged    records already held as they are, or older than what is held or than the feed's checkpoint
 * @param rejected     records refused, with every reason; nothing of them was applied
 * @param latestUpdate the latest {@code date_maj} of the valid records read (null when none)
 */
public record ImportReport(String origin, DataInclusionResource resource, int read, int applied, int unchanged,
                           List<Rejected> rejected, LocalDate latestUpdate) {

    /** A refused record: its position in the file or page (from 1), its id when it has one, and why. */
    public record Rejected(int position, String recordId, List<String> reasons) {

        public Rejected {
            reasons = List.copyOf(reasons);
        }
    }

    public ImportReport {
        rejected = List.copyOf(rejected);
    }
}
