package io.srs.rtmp.amf0;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Copy-on-write edits of immutable property lists, shared by the property holders. */
final class PropertyList {
    private PropertyList() {
    }

    /**
     * An unmodifiable copy in which each key occurs once: SRS's rule is that a later duplicate
     * replaces the earlier one and takes the later position. Linear time, so a hostile object
     * with many keys cannot make decoding quadratic.
     */
    static List<Amf0Property> normalize(List<Amf0Property> list) {
        if (list.size() <= 1 || (list.size() <= 8 && distinctSmall(list))) {
            return List.copyOf(list);
        }
        Map<String, Integer> last = new HashMap<>(list.size() * 2);
        for (int i = 0; i < list.size(); i++) {
            last.put(list.get(i).key(), i);
        }
        if (last.size() == list.size()) {
            return List.copyOf(list);
        }
        List<Amf0Property> out = new ArrayList<>(last.size());
        for (int i = 0; i < list.size(); i++) {
            if (last.get(list.get(i).key()) == i) {
                out.add(list.get(i));
            }
        }
        return List.copyOf(out);
    }

    private static boolean distinctSmall(List<Amf0Property> list) {
        for (int i = 1; i < list.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (list.get(i).key().equals(list.get(j).key())) {
                    return false;
                }
            }
        }
        return true;
    }

    static List<Amf0Property> with(List<Amf0Property> list, String key, Amf0Value value) {
        List<Amf0Property> copy = without(list, key);
        copy.add(new Amf0Property(key, value));
        return copy;
    }

    static List<Amf0Property> without(List<Amf0Property> list, String key) {
        List<Amf0Property> copy = new ArrayList<>(list.size() + 1);
        for (Amf0Property p : list) {
            if (!p.key().equals(key)) {
                copy.add(p);
            }
        }
        return copy;
    }
}
