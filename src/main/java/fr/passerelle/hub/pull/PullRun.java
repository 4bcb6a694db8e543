package fr.passerelle.hub.pull;

import java.time.Instant;

/**
 * One run of a pulled API feed, as it moves through the route's steps: the checkpoint it asks from, the page to
 * fetch next, the paging the partner announced and the latest update seen so far. Immutable; each step returns
 * the next state.
 *
 * @param checkpoint   what the run asks from (null: everything, first run)
 * @param page         the page to fetch next, from 1
 * @param totalPages   as announced by the last page read; null before the first
 * @param latestUpdate the latest {@code dateMiseAJour} of every page stored so far
 * @param fetched      the page fetched and not stored yet
 */
public record PullRun(String feedId, String partnerId, String mappingId, String routeId, Instant checkpoint,
                      int page, Integer totalPages, Instant latestUpdate, int pagesStored, byte[] fetched) {

    public static PullRun begin(String feedId, String partnerId, String mappingId, String routeId, Instant checkpoint) {
        return new PullRun(feedId, partnerId, mappingId, routeId, checkpoint, 1, null, null, 0, null);
    }

    /** The first page is always asked for; then until the last page the partner announced. */
    public boolean morePages() {
        return totalPages == null || page <= totalPages;
    }

    public PullRun withFetched(byte[] content) {
        return new PullRun(feedId, partnerId, mappingId, routeId, checkpoint, page, totalPages, latestUpdate,
                pagesStored, content);
    }

    public PullRun afterStored(DossiersApi.PageSummary summary) {
        Instant latest = latestUpdate;
        if (summary.latestUpdate() != null && (latest == null || summary.latestUpdate().isAfter(latest))) {
            latest = summary.latestUpdate();
        }
        return new PullRun(feedId, partnerId, mappingId, routeId, checkpoint, page + 1, summary.totalPages(), latest,
                pagesStored + 1, null);
    }

    /** Where the next run starts: never before the current checkpoint, so it only ever moves forward. */
    public Instant nextCheckpoint() {
        if (latestUpdate == null) {
            return checkpoint;
        }
        return checkpoint == null || latestUpdate.isAfter(checkpoint) ? latestUpdate : checkpoint;
    }

    @Override
    public String toString() {
        // No payload in logs or message histories: the page holds personal data.
        return "PullRun[feed=" + feedId + ", checkpoint=" + checkpoint + ", page=" + page + "/" + totalPages
                + ", stored=" + pagesStored + "]";
    }
}
