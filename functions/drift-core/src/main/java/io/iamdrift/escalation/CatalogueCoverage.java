package io.iamdrift.escalation;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which paths of the pathfinding.cloud catalogue the escalation table covers, as its {@code catalogues} section
 * records them: every file of {@code data/paths/aws} is covered by the row carrying its id, by the row that
 * {@code sameRowAs} names (a file requiring the same actions as another), or explained in {@code notCovered}.
 *
 * @param files the ids of the catalogue's files
 * @param earlierLayout ids a row carries that only the catalogue's earlier layout holds, with where
 * @param sameRowAs file id -> the id of the row that covers it
 * @param notCovered file id -> why a principal's own permissions cannot realise it
 */
public record CatalogueCoverage(
        List<String> files,
        Map<String, String> earlierLayout,
        Map<String, String> sameRowAs,
        Map<String, String> notCovered) {

    public CatalogueCoverage {
        files = List.copyOf(files);
        earlierLayout = Map.copyOf(earlierLayout);
        sameRowAs = Map.copyOf(sameRowAs);
        notCovered = Map.copyOf(notCovered);
    }

    /** The catalogue files a row of the table realises, directly or through {@code sameRowAs}. */
    public Set<String> covered(List<EscalationPath> paths) {
        Set<String> rowIds = new LinkedHashSet<>();
        Set<String> ids = new LinkedHashSet<>();
        for (EscalationPath p : paths) {
            rowIds.add(p.id());
            if (p.pathfinding() != null) {
                ids.add(p.pathfinding());
            }
        }
        Set<String> out = new LinkedHashSet<>();
        for (String f : files) {
            String row = sameRowAs.get(f);
            if (ids.contains(f) || (row != null && rowIds.contains(row))) {
                out.add(f);
            }
        }
        return out;
    }
}
