package cn.gov.ledger.api.posting;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Optional;

/**
 * The effective date of a ledger-core command: every posting's command is a record with an
 * {@code effectiveDate} component, found once per command class.
 */
final class EffectiveDates {

    private static final ClassValue<Optional<Method>> ACCESSORS = new ClassValue<>() {
        @Override
        protected Optional<Method> computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            return components == null ? Optional.empty() : Arrays.stream(components)
                    .filter(c -> c.getName().equals("effectiveDate") && c.getType() == LocalDate.class)
                    .map(RecordComponent::getAccessor).findFirst();
        }
    };

    private EffectiveDates() {
    }

    static Optional<LocalDate> of(Object command) {
        return ACCESSORS.get(command.getClass()).map(accessor -> {
            try {
                return (LocalDate) accessor.invoke(command);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read the effective date of " + command.getClass(), e);
            }
        });
    }
}
