package ledger.api.infrastructure.erasurejournal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import ledger.api.infrastructure.erasurejournal.FileErasureJournal.Line;
import ledger.core.erasure.ErasureJournal.SubjectType;

/**
 * What the journal's lines say, entry by entry: an erasure is <em>committed</em> when a committed
 * line follows its prepared line (a committed line wins over a rolled-back one: it is only ever
 * written by whoever saw the commit or found the erasure in the database); <em>rolled back</em>
 * when only a rolled-back line does; <em>unresolved</em> when no outcome was written (a crash
 * between the write-ahead line and the end of the transaction).
 */
record JournaledErasures(List<Subject> committed, List<Unresolved> unresolved, int rolledBack, int entries) {

    /** A subject with at least one committed erasure, and the first time it was erased. */
    record Subject(SubjectType type, UUID id, Instant erasedAt) {
    }

    /** A prepared entry without an outcome. */
    record Unresolved(UUID entry, SubjectType type, UUID subject) {
    }

    static JournaledErasures of(List<Line> lines) {
        Map<UUID, Line> prepared = new LinkedHashMap<>();
        Set<UUID> committed = new HashSet<>();
        Set<UUID> rolledBack = new HashSet<>();
        for (Line line : lines) {
            switch (line.state()) {
                case PREPARED -> prepared.putIfAbsent(line.entry(), line);
                case COMMITTED -> committed.add(line.entry());
                case ROLLED_BACK -> rolledBack.add(line.entry());
            }
        }
        Map<UUID, Subject> subjects = new LinkedHashMap<>();
        List<Unresolved> unresolved = new ArrayList<>();
        int rolledBackEntries = 0;
        for (Line entry : prepared.values()) {
            if (committed.contains(entry.entry())) {
                subjects.merge(entry.subject(), new Subject(entry.subjectType(), entry.subject(), entry.erasedAt()),
                        (a, b) -> a.erasedAt().isAfter(b.erasedAt()) ? b : a);
            } else if (rolledBack.contains(entry.entry())) {
                rolledBackEntries++;
            } else {
                unresolved.add(new Unresolved(entry.entry(), entry.subjectType(), entry.subject()));
            }
        }
        List<Subject> ordered = subjects.values().stream()
                .sorted(Comparator.comparing(Subject::erasedAt).thenComparing(Subject::id)).toList();
        return new JournaledErasures(ordered, List.copyOf(unresolved), rolledBackEntries, prepared.size());
    }

    /** Every subject named by a committed or unresolved entry. */
    Set<UUID> subjects() {
        Set<UUID> all = new HashSet<>();
        committed.forEach(s -> all.add(s.id()));
        unresolved.forEach(u -> all.add(u.subject()));
        return all;
    }
}
