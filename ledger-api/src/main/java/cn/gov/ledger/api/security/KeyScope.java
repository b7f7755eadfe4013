package cn.gov.ledger.api.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The departments (部门) and units (预算单位) a key is limited to. A unit is in scope when it is
 * listed or its department is; a department only when it is listed. Empty on both sides: unscoped,
 * which reads everything (as every key did before scopes) but, for a POSTER, posts nowhere.
 */
public record KeyScope(Set<String> departments, Set<String> units) {

    public static final KeyScope UNSCOPED = new KeyScope(Set.of(), Set.of());

    public KeyScope {
        departments = Set.copyOf(departments);
        units = Set.copyOf(units);
    }

    public static KeyScope of(Collection<String> departments, Collection<String> units) {
        return new KeyScope(clean(departments), clean(units));
    }

    /** From comma-separated lists (configuration); null for none. */
    public static KeyScope parse(String departments, String units) {
        return of(split(departments), split(units));
    }

    public boolean unscoped() {
        return departments.isEmpty() && units.isEmpty();
    }

    /**
     * Whether the unit lies in the scope; {@code departmentOf} is asked only when the unit is not
     * listed itself and departments are (it may answer null for an unknown unit).
     */
    public boolean includesUnit(String unitCode, Function<String, String> departmentOf) {
        if (unitCode == null) {
            return false;
        }
        if (units.contains(unitCode)) {
            return true;
        }
        if (departments.isEmpty()) {
            return false;
        }
        String department = departmentOf.apply(unitCode);
        return department != null && departments.contains(department);
    }

    public boolean includesDepartment(String departmentCode) {
        return departmentCode != null && departments.contains(departmentCode);
    }

    /** Sorted, for answers and events. */
    public List<String> sortedDepartments() {
        return new TreeSet<>(departments).stream().toList();
    }

    public List<String> sortedUnits() {
        return new TreeSet<>(units).stream().toList();
    }

    private static Set<String> clean(Collection<String> codes) {
        return codes == null ? Set.of() : codes.stream().filter(c -> c != null && !c.isBlank()).map(String::trim)
                .collect(Collectors.toUnmodifiableSet());
    }

    private static Collection<String> split(String list) {
        return list == null ? Set.of() : Arrays.asList(list.split(","));
    }
}
