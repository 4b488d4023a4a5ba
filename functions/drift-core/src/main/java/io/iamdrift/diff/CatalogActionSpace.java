package io.iamdrift.diff;

import io.iamdrift.catalog.ActionCatalog;
import io.iamdrift.catalog.ActionInfo;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The shipped action catalog as the diff's and the linter's universe of actions. */
public final class CatalogActionSpace implements ActionSpace {

    private static volatile CatalogActionSpace defaults;

    private final ActionCatalog catalog;
    private volatile List<String> all;

    public CatalogActionSpace(ActionCatalog catalog) {
        this.catalog = catalog;
    }

    /** Over {@link ActionCatalog#defaults()}, shared. */
    public static CatalogActionSpace defaults() {
        CatalogActionSpace d = defaults;
        if (d == null) {
            synchronized (CatalogActionSpace.class) {
                if (defaults == null) {
                    defaults = new CatalogActionSpace(ActionCatalog.defaults());
                }
                d = defaults;
            }
        }
        return d;
    }

    @Override
    public Set<String> expand(String pattern) {
        return catalog.expand(pattern);
    }

    @Override
    public Set<String> expandNot(List<String> patterns) {
        return catalog.expandNot(patterns);
    }

    @Override
    public Collection<String> all() {
        List<String> a = all;
        if (a == null) {
            a = catalog.actions().stream().map(ActionInfo::fullName).toList();
            all = a;
        }
        return a;
    }

    @Override
    public Optional<String> canonical(String action) {
        return catalog.find(action).map(ActionInfo::fullName);
    }

    @Override
    public boolean supportsResourceLevelPermissions(String action) {
        return catalog.find(action)
                .map(ActionInfo::supportsResourceLevelPermissions)
                .orElse(false);
    }
}
