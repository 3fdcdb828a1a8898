package io.srs.rtmp.amf0;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The values that carry ordered named properties: {@link Amf0Object}, {@link Amf0EcmaArray} and
 * {@link Amf0TypedObject}. Order is kept exactly as read or built because some clients depend
 * on it. Lookups scan the list (objects on the wire are small) and, like SRS's
 * {@code SrsUnSortedHashtable}, a key occurs at most once: adding an existing key removes the
 * old entry and appends the new one at the end.
 *
 * <p>Thread-safe: implementations are immutable.
 */
public sealed interface Amf0Properties extends Amf0Value permits Amf0Object, Amf0EcmaArray, Amf0TypedObject {

    /** The properties in wire order; unmodifiable. */
    List<Amf0Property> properties();

    default int size() {
        return properties().size();
    }

    default boolean isEmpty() {
        return properties().isEmpty();
    }

    default boolean containsKey(String key) {
        return get(key).isPresent();
    }

    default Optional<Amf0Value> get(String key) {
        for (Amf0Property p : properties()) {
            if (p.key().equals(key)) {
                return Optional.of(p.value());
            }
        }
        return Optional.empty();
    }

    /** The value of {@code key} if it is a string, like SRS's {@code ensure_property_string}. */
    default Optional<String> getString(String key) {
        return get(key).filter(Amf0String.class::isInstance).map(v -> ((Amf0String) v).value());
    }

    default String getString(String key, String defaultValue) {
        return getString(key).orElse(defaultValue);
    }

    /** The value of {@code key} if it is a number, like SRS's {@code ensure_property_number}. */
    default OptionalDouble getNumber(String key) {
        return get(key).orElse(null) instanceof Amf0Number n ? OptionalDouble.of(n.value()) : OptionalDouble.empty();
    }

    default double getNumber(String key, double defaultValue) {
        return getNumber(key).orElse(defaultValue);
    }

    /** The value of {@code key} if it is a boolean. */
    default Optional<Boolean> getBoolean(String key) {
        return get(key).filter(Amf0Boolean.class::isInstance).map(v -> ((Amf0Boolean) v).value());
    }

    /** The value of {@code key} if it is an object or an ECMA array, viewed as an object. */
    default Optional<Amf0Object> getObject(String key) {
        return get(key).flatMap(v -> switch (v) {
            case Amf0Object o -> Optional.of(o);
            case Amf0EcmaArray a -> Optional.of(a.toObject());
            default -> Optional.empty();
        });
    }
}
