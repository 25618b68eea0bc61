package dev.seedbank.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.deeplearning4j.optimize.api.TrainingListener;

/** The listener order Seedbank needs: the caller's first, Seedbank's last (the reseeding one at the very end). */
final class SeedbankListeners {
    private SeedbankListeners() {
    }

    /** {@code current} followed by {@code added} (DL4J's addListeners, for the networks that keep ours last). */
    static List<TrainingListener> plus(Collection<TrainingListener> current, TrainingListener... added) {
        List<TrainingListener> all = new ArrayList<>(current);
        all.addAll(List.of(added));
        return all;
    }

    /** {@code theirs} without Seedbank's listeners, then {@code ours} (null: not yet known, keep {@code theirs}). */
    static List<TrainingListener> withOursLast(Collection<TrainingListener> theirs, TrainingListener[] ours) {
        List<TrainingListener> out = new ArrayList<>();
        List<TrainingListener> mine = ours == null ? List.of() : List.of(ours);
        if (theirs != null) {
            for (TrainingListener l : theirs) {
                if (l != null && !mine.contains(l)) {
                    out.add(l);
                }
            }
        }
        out.addAll(mine);
        return out;
    }
}
