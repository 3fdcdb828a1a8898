package io.srs.app.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One node of the configuration tree: {@code name arg1 arg2 …;} or {@code name args… { children }}.
 * Port of {@code SrsConfDirective} (srs_app_config.hpp), but immutable: the parser, the
 * compatibility transform and the environment step each build a new tree.
 *
 * <p>Lookups follow SRS: {@link #get(String)} returns the first child of that name (repeated
 * directives are kept in order, getters read the first), {@link #get(String, String)} selects a
 * block by its first argument ({@code vhost X}, {@code ingest X}, {@code engine X}).
 *
 * <p>{@link #equals} compares content only (name, args, block-ness, children), not the source
 * location, so moving a directive to another line is not a change for {@link ConfigDiff}.
 *
 * <p>Immutable and thread-safe.
 */
public final class Directive {
    private final String name;
    private final List<String> args;
    private final List<Directive> children;
    private final boolean block;
    private final String file;
    private final int line;

    /**
     * @param block whether it was written with {@code { … }} (as opposed to ending with {@code ;})
     * @param file  the source the directive was read from (a file name, or {@code env:NAME})
     * @param line  1-based line, 0 when it does not come from a file line
     */
    public Directive(String name, List<String> args, List<Directive> children, boolean block,
            String file, int line) {
        this.name = Objects.requireNonNull(name, "name");
        this.args = List.copyOf(args);
        this.children = List.copyOf(children);
        this.block = block;
        this.file = Objects.requireNonNull(file, "file");
        this.line = line;
    }

    /** A leaf directive {@code name args…;}. */
    public static Directive leaf(String name, List<String> args, String file, int line) {
        return new Directive(name, args, List.of(), false, file, line);
    }

    public String name() {
        return name;
    }

    public List<String> args() {
        return args;
    }

    public List<Directive> children() {
        return children;
    }

    /** Whether the directive was written as a block {@code { … }}. */
    public boolean isBlock() {
        return block;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    /** {@code file:line}, or just the file when there is no line. */
    public String location() {
        return line > 0 ? file + ":" + line : file;
    }

    /** First argument, or {@code ""} when there is none (SRS treats both alike). */
    public String arg0() {
        return arg(0);
    }

    /** The i-th argument, or {@code ""} when absent. */
    public String arg(int index) {
        return index < args.size() ? args.get(index) : "";
    }

    /** First child named {@code childName}, or null. */
    public Directive get(String childName) {
        for (Directive d : children) {
            if (d.name.equals(childName)) {
                return d;
            }
        }
        return null;
    }

    /** First child named {@code childName} whose first argument is {@code childArg0}, or null. */
    public Directive get(String childName, String childArg0) {
        for (Directive d : children) {
            if (d.name.equals(childName) && d.arg0().equals(childArg0)) {
                return d;
            }
        }
        return null;
    }

    /** All children named {@code childName}, in order. */
    public List<Directive> getAll(String childName) {
        List<Directive> all = new ArrayList<>();
        for (Directive d : children) {
            if (d.name.equals(childName)) {
                all.add(d);
            }
        }
        return List.copyOf(all);
    }

    /** A copy with other children (same name, args and location). */
    public Directive withChildren(List<Directive> newChildren) {
        return new Directive(name, args, newChildren, block, file, line);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Directive d && d.name.equals(name) && d.args.equals(args)
                && d.block == block && d.children.equals(children);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, args, block, children);
    }

    /** nginx-style text of this directive and its children (for logs and tests). */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        write(sb, 0);
        return sb.toString();
    }

    private void write(StringBuilder sb, int depth) {
        sb.append("    ".repeat(depth)).append(name);
        for (String a : args) {
            sb.append(' ');
            boolean quote = a.isEmpty() || a.chars().anyMatch(c -> c == ' ' || c == '\t' || c == ';'
                    || c == '{' || c == '}' || c == '#');
            sb.append(quote ? (a.indexOf('"') >= 0 ? "'" + a + "'" : "\"" + a + "\"") : a);
        }
        if (!block) {
            sb.append(";\n");
            return;
        }
        sb.append(" {\n");
        for (Directive c : children) {
            c.write(sb, depth + 1);
        }
        sb.append("    ".repeat(depth)).append("}\n");
    }
}
