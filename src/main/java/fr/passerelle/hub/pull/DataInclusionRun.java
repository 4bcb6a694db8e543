package fr.passerelle.hub.pull;

import fr.passerelle.hub.directory.DataInclusionResource;
import java.time.LocalDate;

/**
 * One run of the pulled data·inclusion feed for one resource (structures or services), as it moves through the
 * route's steps. Immutable; each step returns the next state.
 *
 * @param checkpoint   the latest {@code date_maj} of the last complete run (null: first run, every record)
 * @param page         the page to fetch next, from 1
 * @param pages        as announced by the last page read; null before the first
 * @param latestUpdate the latest {@code date_maj} of the valid records of the pages applied so far
 * @param fetched      the page fetched and not applied yet
 */
public record DataInclusionRun(String feedId, DataInclusionResource resource, String routeId, LocalDate checkpoint,
                               int page, Integer pages, LocalDate latestUpdate, int applied, int rejected,
                               byte[] fetched) {

    public static DataInclusionRun begin(String feedId, DataInclusionResource resource, String routeId,
                                         LocalDate checkpoint) {
        return new DataInclusionRun(feedId, resource, routeId, checkpoint, 1, null, null, 0, 0, null);
    }

    public boolean morePages() {
        return pages == null || page <= pages;
    }

    DataInclusionRun withFetched(byte[] content) {
        return new DataInclusionRun(feedId, resource, routeId, checkpoint, page, pages, latestUpdate, applied,
                rejected, content);
    }

    DataInclusionRun afterApplied(int announcedPages, LocalDate pageLatest, int pageApplied, int pageRejected) {
        LocalDate latest = latestUpdate == null || (pageLatest != null && pageLatest.isAfter(latestUpdate))
                ? pageLatest : latestUpdate;
        return new DataInclusionRun(feedId, resource, routeId, checkpoint, page + 1, announcedPages, latest,
                applied + pageApplied, rejected + pageRejected, null);
    }

    /** Never before the current checkpoint. */
    LocalDate nextCheckpoint() {
        if (latestUpdate == null) {
            return checkpoint;
        }
        return checkpoint == null || latestUpdate.isAfter(checkpoint) ? latestUpdate : checkpoint;
    }

    @Override
    public String toString() {
        return "DataInclusionRun[feed=" + feedId + ", checkpoint=" + checkpoint + ", page=" + page + "/" + pages
                + ", applied=" + applied + ", rejected=" + rejected + "]";
    }
}
