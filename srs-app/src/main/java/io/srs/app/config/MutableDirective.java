package io.srs.app.config;

import java.util.ArrayList;
import java.util.List;

/**
 * A scratch, editable copy of a {@link Directive} tree, used only while one rewriting step
 * (compatibility transform, environment overrides) builds its new tree. Never shared.
 */
final class MutableDirective {
    String name;
    List<String> args;
    final List<MutableDirective> children = new ArrayList<>();
    boolean block;
    final String file;
    final int line;

    MutableDirective(String name, List<String> args, boolean block, String file, int line) {
        this.name = name;
        this.args = new ArrayList<>(args);
        this.block = block;
        this.file = file;
        this.line = line;
    }

    static MutableDirective of(Directive d) {
        MutableDirective m = new MutableDirective(d.name(), d.args(), d.isBlock(), d.file(), d.line());
        for (Directive c : d.children()) {
            m.children.add(of(c));
        }
        return m;
    }

    Directive freeze() {
        List<Directive> frozen = new ArrayList<>(children.size());
        for (MutableDirective c : children) {
            frozen.add(c.freeze());
        }
        return new Directive(name, args, frozen, block, file, line);
    }

    String arg0() {
        return args.isEmpty() ? "" : args.getFirst();
    }

    MutableDirective get(String childName) {
        for (MutableDirective c : children) {
            if (c.name.equals(childName)) {
                return c;
            }
        }
        return null;
    }

    /**
     * The first child named {@code childName}, appended (located at {@code origin}) when absent.
     */
    MutableDirective getOrCreate(String childName, boolean asBlock, MutableDirective origin) {
        MutableDirective c = get(childName);
        if (c == null) {
            c = new MutableDirective(childName, List.of(), asBlock, origin.file, origin.line);
            children.add(c);
        }
        if (asBlock) {
            c.block = true;
        }
        return c;
    }
}
