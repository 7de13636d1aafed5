package org.ntpgeo.common;

/** The handle of one task started on a {@link ProgressListener}; implementations are thread-safe for {@link #update}. */
public interface Progress extends AutoCloseable {
    /** Ignores its updates. */
    Progress NONE = new Progress() {
        @Override
        public void update(long doneUnits, String info) {
        }

        @Override
        public void close() {
        }
    };

    /** {@code doneUnits} of the task's total are done; {@code info} is a short status (loss, windows...). */
    void update(long doneUnits, String info);

    /** As {@link #update(long, String)} keeping the previous status. */
    default void update(long doneUnits) {
        update(doneUnits, null);
    }

    @Override
    void close();
}
