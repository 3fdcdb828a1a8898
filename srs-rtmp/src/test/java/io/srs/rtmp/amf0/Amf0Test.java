package io.srs.rtmp.amf0;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.core.bytes.ByteReader;
import io.srs.core.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Amf0Test {

    private static Bytes hex(String h) {
        return Bytes.fromHex(h);
    }

    private static Amf0Value decodeOne(Bytes b) {
        ByteReader r = b.reader();
        Amf0Value v = Amf0.read(r);
        assertFalse(r.hasRemaining(), "trailing bytes after value");
        return v;
    }

    static Stream<Arguments> vectors() {
        return Stream.of(
                Arguments.of("number 1.0", new Amf0Number(1.0), "00 3ff0000000000000"),
                Arguments.of("number -2", new Amf0Number(-2), "00 c000000000000000"),
                Arguments.of("number 0", new Amf0Number(0), "00 0000000000000000"),
                Arguments.of("boolean true", Amf0Boolean.TRUE, "01 01"),
                Arguments.of("boolean false", Amf0Boolean.FALSE, "01 00"),
                Arguments.of("string", new Amf0String("connect"), "02 0007 636f6e6e656374"),
                Arguments.of("empty string", new Amf0String(""), "02 0000"),
                Arguments.of("utf8 string", new Amf0String("\u00e9"), "02 0002 c3a9"),
                Arguments.of("null", Amf0Null.INSTANCE, "05"),
                Arguments.of("undefined", Amf0Undefined.INSTANCE, "06"),
                Arguments.of("empty object", Amf0Object.of(), "03 000009"),
                Arguments.of("object", Amf0Object.of().put("a", 1.0).put("b", "x"),
                        "03 0001 61 00 3ff0000000000000 0001 62 02 0001 78 000009"),
                Arguments.of("nested object", Amf0Object.of().put("o", Amf0Object.of().put("t", true)),
                        "03 0001 6f 03 0001 74 01 01 000009 000009"),
                Arguments.of("ecma array", Amf0EcmaArray.of().put("k", Amf0Null.INSTANCE),
                        "08 00000001 0001 6b 05 000009"),
                Arguments.of("empty ecma array", Amf0EcmaArray.of(), "08 00000000 000009"),
                Arguments.of("strict array", Amf0StrictArray.of(new Amf0Number(2), Amf0Undefined.INSTANCE),
                        "0a 00000002 00 4000000000000000 06"),
                Arguments.of("empty strict array", Amf0StrictArray.of(), "0a 00000000"),
                Arguments.of("date", new Amf0Date(1.0, -1), "0b 3ff0000000000000 ffff"),
                Arguments.of("typed object", new Amf0TypedObject("C", List.of(new Amf0Property("x", Amf0Boolean.FALSE))),
                        "10 0001 43 0001 78 01 00 000009"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void encodesAndDecodesByteExact(String name, Amf0Value value, String wire) {
        Bytes expected = hex(wire);
        assertEquals(expected.toHex(), Amf0.encode(value).toHex());
        assertEquals(value, decodeOne(expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void everyTruncationOfAVectorFailsWithSrsException(String name, Amf0Value value, String wire) {
        Bytes full = hex(wire);
        for (int len = 0; len < full.length(); len++) {
            Bytes cut = full.slice(0, len);
            try {
                Amf0Value v = Amf0.read(cut.reader());
                // Only objects running to the end of input may be accepted (SRS leniency).
                assertTrue(v instanceof Amf0Properties, name + " cut at " + len + " decoded as " + v);
            } catch (SrsException e) {
                assertEquals(ErrorCode.RTMP_AMF0_DECODE, e.code());
            }
        }
    }

    @Test
    void longStringIsChosenAbove65535BytesAndBothMarkersDecode() {
        String big = "a".repeat(65536);
        Bytes enc = Amf0.encode(new Amf0String(big));
        assertEquals(0x0c, enc.get(0));
        assertEquals("0c00010000", enc.slice(0, 5).toHex());
        assertEquals(big, ((Amf0String) decodeOne(enc)).value());

        String edge = "b".repeat(65535);
        Bytes encEdge = Amf0.encode(new Amf0String(edge));
        assertEquals("02ffff", encEdge.slice(0, 3).toHex());

        // A long string holding a short value is accepted too.
        assertEquals(new Amf0String("hi"), decodeOne(hex("0c 00000002 6869")));
    }

    @Test
    void readStringAcceptsLongStringMarker() {
        assertEquals("hi", new Amf0Reader(hex("0c 00000002 6869")).readString());
    }

    @Test
    void nanPayloadSurvivesRoundTrip() {
        Bytes wire = hex("00 7ff0000000000001");
        Amf0Value v = decodeOne(wire);
        assertTrue(Double.isNaN(((Amf0Number) v).value()));
        assertEquals(wire.toHex(), Amf0.encode(v).toHex());
    }

    @Test
    void ecmaArrayCountIsOnlyAHint() {
        // Count says 5 but only one property precedes the end marker; SRS reads until the end.
        Amf0Value v = decodeOne(hex("08 00000005 0001 6b 01 01 000009"));
        assertEquals(Amf0EcmaArray.of().put("k", true), v);
        // Count larger than the message must not allocate anything.
        assertEquals(Amf0EcmaArray.of(), decodeOne(hex("08 7fffffff 000009")));
    }

    @Test
    void objectWithoutEndMarkerAtEndOfInputIsAcceptedLikeSrs() {
        assertEquals(Amf0Object.of().put("a", true), decodeOne(hex("03 0001 61 01 01")));
    }

    @Test
    void duplicateKeysKeepTheLastValueAtTheEnd() {
        Amf0Value v = decodeOne(hex("03 0001 61 01 01 0001 62 05 0001 61 01 00 000009"));
        Amf0Object o = (Amf0Object) v;
        assertEquals(List.of("b", "a"), o.properties().stream().map(Amf0Property::key).toList());
        assertEquals(false, o.getBoolean("a").orElseThrow());
    }

    @Test
    void emptyKeyFollowedByValueIsAPropertyNotTheEnd() {
        Amf0Object o = (Amf0Object) decodeOne(hex("03 0000 05 000009"));
        assertEquals(1, o.size());
        assertEquals(Amf0Null.INSTANCE, o.get("").orElseThrow());
    }

    @Test
    void unsupportedMarkersAreRejectedWithSrsInvalidCode() {
        for (int marker : new int[] {0x04, 0x07, 0x0d, 0x0e, 0x0f, 0x11, 0x12, 0x3f, 0xff}) {
            SrsException e = assertThrows(SrsException.class,
                    () -> Amf0.read(Bytes.wrap(new byte[] {(byte) marker, 0, 0, 0, 0}).reader()));
            assertEquals(ErrorCode.RTMP_AMF0_INVALID, e.code(), "marker " + marker);
        }
        SrsException amf3 = assertThrows(SrsException.class, () -> Amf0.read(hex("03 0001 61 11 0a").reader()));
        assertTrue(amf3.getMessage().contains("AMF3"), amf3.getMessage());
    }

    @Test
    void objectEndOutsideObjectIsRejected() {
        SrsException e = assertThrows(SrsException.class, () -> Amf0.read(hex("09").reader()));
        assertEquals(ErrorCode.RTMP_AMF0_DECODE, e.code());
    }

    @Test
    void nestingDeeperThanTheLimitIsRejected() {
        StringBuilder ok = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            ok.append("03 0001 61 ");
        }
        ok.append("05");
        ok.append(" 000009".repeat(32));
        assertNotNull(decodeOne(hex(ok.toString())));

        String tooDeep = "03 0001 61 ".repeat(33) + "05" + " 000009".repeat(33);
        SrsException e = assertThrows(SrsException.class, () -> Amf0.read(hex(tooDeep).reader()));
        assertEquals(ErrorCode.RTMP_AMF0_DECODE, e.code());

        // Strict arrays count as nesting too, and very deep input must not overflow the stack.
        byte[] deep = new byte[100_000];
        for (int i = 0; i + 5 <= deep.length; i += 5) {
            deep[i] = 0x0a;
            deep[i + 4] = 1;
        }
        assertThrows(SrsException.class, () -> Amf0.read(Bytes.wrap(deep).reader()));
    }

    @Test
    void strictArrayCountIsCheckedBeforeAllocating() {
        SrsException e = assertThrows(SrsException.class, () -> Amf0.read(hex("0a ffffffff 05").reader()));
        assertEquals(ErrorCode.RTMP_AMF0_DECODE, e.code());
        assertThrows(SrsException.class, () -> Amf0.read(hex("0a 00000003 05 05").reader()));
        Amf0Reader small = new Amf0Reader(hex("0a 00000003 05 05 05").reader(), new Amf0Reader.Limits(4, 4, 2));
        assertThrows(SrsException.class, small::read);
    }

    @Test
    void propertyCountLimitIsEnforced() {
        Bytes three = hex("03 0001 61 05 0001 62 05 0001 63 05 000009");
        Amf0Reader r = new Amf0Reader(three.reader(), new Amf0Reader.Limits(4, 2, 4));
        assertThrows(SrsException.class, r::read);
        assertEquals(3, ((Amf0Object) new Amf0Reader(three).read()).size());
    }

    @Test
    void stringAndLongStringLengthsAreCheckedAgainstRemainingBytes() {
        assertThrows(SrsException.class, () -> Amf0.read(hex("02 ffff 61").reader()));
        SrsException e = assertThrows(SrsException.class, () -> Amf0.read(hex("0c ffffffff 61").reader()));
        assertEquals(ErrorCode.RTMP_AMF0_DECODE, e.code());
    }

    @Test
    void typedReadsRejectOtherTypes() {
        assertThrows(SrsException.class, () -> new Amf0Reader(hex("05")).readString());
        assertThrows(SrsException.class, () -> new Amf0Reader(hex("02 0000")).readNumber());
        assertThrows(SrsException.class, () -> new Amf0Reader(hex("06")).readNull());
        assertThrows(SrsException.class, () -> new Amf0Reader(hex("05")).readBoolean());
        assertThrows(SrsException.class, () -> new Amf0Reader(hex("08 00000000 000009")).readObject());
        assertEquals(Amf0Object.of(), new Amf0Reader(hex("03 000009")).readObject());
    }

    @Test
    void keyLongerThan65535BytesCannotBeEncoded() {
        Amf0Object o = Amf0Object.of().put("k".repeat(65536), 1.0);
        SrsException e = assertThrows(SrsException.class, () -> Amf0.encode(o));
        assertEquals(ErrorCode.RTMP_AMF0_ENCODE, e.code());
    }

    @Test
    void objectAccessorsAndBuilder() {
        Amf0Object o = Amf0Object.of().put("s", "v").put("n", 3.0).put("b", true)
                .put("e", Amf0EcmaArray.of().put("x", 1.0));
        assertEquals("v", o.getString("s").orElseThrow());
        assertTrue(o.getString("n").isEmpty());
        assertEquals(3.0, o.getNumber("n").orElseThrow());
        assertEquals(7.0, o.getNumber("s", 7.0));
        assertEquals("d", o.getString("missing", "d"));
        assertEquals(1.0, o.getObject("e").orElseThrow().getNumber("x").orElseThrow());
        Amf0Object replaced = o.put("s", "w");
        assertEquals("v", o.getString("s").orElseThrow(), "put must not modify the original");
        assertEquals(List.of("n", "b", "e", "s"), replaced.properties().stream().map(Amf0Property::key).toList());
        assertFalse(o.remove("s").containsKey("s"));
    }

    @Test
    void readAllDecodesASequence() {
        List<Amf0Value> all = Amf0.readAll(hex("02 0003 666f6f 00 4000000000000000 05"));
        assertEquals(List.of(new Amf0String("foo"), new Amf0Number(2), Amf0Null.INSTANCE), all);
    }

    /** Every generated tree encodes, decodes to an equal value and re-encodes to the same bytes. */
    @Test
    void roundTripsRandomValueTrees() {
        Random rnd = new Random(7);
        for (int i = 0; i < 2000; i++) {
            Amf0Value v = randomValue(rnd, 0);
            Bytes enc = Amf0.encode(v);
            Amf0Value back = decodeOne(enc);
            assertEquals(v, back);
            assertEquals(enc, Amf0.encode(back));
        }
    }

    @Test
    void fuzzRandomAndMutatedInputsOnlyThrowSrsException() {
        Random rnd = new Random(42);
        List<Bytes> seeds = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            seeds.add(Amf0.encode(randomValue(rnd, 0)));
        }
        for (int i = 0; i < 20_000; i++) {
            byte[] input;
            if (i % 2 == 0) {
                input = new byte[rnd.nextInt(64)];
                rnd.nextBytes(input);
                if (input.length > 0) {
                    input[0] = (byte) rnd.nextInt(0x13);
                }
            } else {
                byte[] seed = seeds.get(rnd.nextInt(seeds.size())).toArray();
                input = java.util.Arrays.copyOf(seed, seed.length == 0 ? 0 : rnd.nextInt(seed.length + 1));
                for (int m = rnd.nextInt(4); m > 0 && input.length > 0; m--) {
                    input[rnd.nextInt(input.length)] = (byte) rnd.nextInt(256);
                }
            }
            try {
                new Amf0Reader(Bytes.wrap(input)).readAll();
            } catch (SrsException expected) {
                assertNotNull(expected.code());
            }
        }
    }

    static Amf0Value randomValue(Random rnd, int depth) {
        int kind = rnd.nextInt(depth > 3 ? 7 : 11);
        return switch (kind) {
            case 0 -> new Amf0Number(rnd.nextDouble() * 1e6 - 5e5);
            case 1 -> Amf0Boolean.of(rnd.nextBoolean());
            case 2 -> new Amf0String(randomString(rnd));
            case 3 -> Amf0Null.INSTANCE;
            case 4 -> Amf0Undefined.INSTANCE;
            case 5 -> new Amf0Date(rnd.nextInt(1_000_000_000), rnd.nextInt(65536) - 32768);
            case 6 -> new Amf0Number(rnd.nextInt(100));
            case 7 -> new Amf0Object(randomProps(rnd, depth));
            case 8 -> new Amf0EcmaArray(randomProps(rnd, depth));
            case 9 -> new Amf0TypedObject(randomString(rnd), randomProps(rnd, depth));
            default -> {
                List<Amf0Value> vs = new ArrayList<>();
                for (int i = rnd.nextInt(5); i > 0; i--) {
                    vs.add(randomValue(rnd, depth + 1));
                }
                yield new Amf0StrictArray(vs);
            }
        };
    }

    private static List<Amf0Property> randomProps(Random rnd, int depth) {
        List<Amf0Property> ps = new ArrayList<>();
        for (int i = rnd.nextInt(5); i > 0; i--) {
            ps.add(new Amf0Property("k" + i + randomString(rnd), randomValue(rnd, depth + 1)));
        }
        return ps;
    }

    private static String randomString(Random rnd) {
        String alphabet = "abcXYZ09 ._/\u00e9\u4e2d";
        StringBuilder sb = new StringBuilder();
        for (int i = rnd.nextInt(8); i > 0; i--) {
            sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
