package io.srs.research.load;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;
import java.nio.channels.SocketChannel;

/**
 * SO_RCVLOWAT on Linux, which Java has no socket option for: with it, epoll reports a socket
 * readable only once that many bytes are queued, so a virtual thread parked on a read wakes once
 * per block instead of once per segment the server wrote (the C client of issue 8 does the
 * same). Reaches the descriptor through {@code sun.nio.ch} (opened by the jar's manifest) and
 * calls setsockopt through the FFM API. When any of that is unavailable, {@link #available()}
 * is false and the tool runs without it.
 *
 * <p>Thread-safe (stateless after class initialisation).
 */
final class SocketTuning {
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVLOWAT = 18;
    private static final MethodHandle SETSOCKOPT;
    private static final Method FD_VAL;
    private static final String PROBLEM;

    static {
        MethodHandle h = null;
        Method fd = null;
        String problem = null;
        try {
            if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
                throw new UnsupportedOperationException("not Linux");
            }
            Linker linker = Linker.nativeLinker();
            h = linker.downcallHandle(linker.defaultLookup().find("setsockopt").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
            fd = Class.forName("sun.nio.ch.SelChImpl").getMethod("getFDVal");
            fd.setAccessible(true);
        } catch (Throwable e) {
            problem = e.toString();
            h = null;
            fd = null;
        }
        SETSOCKOPT = h;
        FD_VAL = fd;
        PROBLEM = problem;
    }

    private SocketTuning() {
    }

    static boolean available() {
        return SETSOCKOPT != null;
    }

    /** Why {@link #available()} is false, or null. */
    static String problem() {
        return PROBLEM;
    }

    /** Sets SO_RCVLOWAT; returns false when it could not. */
    static boolean setReceiveLowWatermark(SocketChannel ch, int bytes) {
        if (SETSOCKOPT == null) {
            return false;
        }
        try (Arena arena = Arena.ofConfined()) {
            int fd = (int) FD_VAL.invoke(ch);
            MemorySegment v = arena.allocate(ValueLayout.JAVA_INT);
            v.set(ValueLayout.JAVA_INT, 0, bytes);
            return (int) SETSOCKOPT.invokeExact(fd, SOL_SOCKET, SO_RCVLOWAT, v, 4) == 0;
        } catch (Throwable e) {
            return false;
        }
    }
}
