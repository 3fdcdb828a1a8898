package io.srs.rtmp.request;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SRS's query-string reading ({@code srs_parse_query_string} via {@code SrsHttpUri::parse_query}),
 * used only to find {@code vhost}/{@code domain}. Its quirks are kept because they decide which
 * vhost a client lands on:
 * <ul>
 *   <li>if the query itself contains {@code ?}, only the text after the first one is read;</li>
 *   <li>the text is cut at every {@code =}, {@code ,}, {@code &&}, {@code &} or {@code ;} and the
 *       pieces are paired in order, so a key without a value shifts the pairs after it
 *       ({@code a&vhost=v} yields {@code a -> vhost}, {@code v -> ""});</li>
 *   <li>a later key replaces an earlier one; no percent-decoding.</li>
 * </ul>
 */
final class QueryString {
    private static final List<String> SEPARATORS = List.of("=", ",", "&&", "&", ";");

    private QueryString() {
    }

    static Map<String, String> parse(String query) {
        Map<String, String> values = new HashMap<>();
        if (query.isEmpty()) {
            return values;
        }
        int q = query.indexOf('?');
        String s = q >= 0 ? query.substring(q + 1) : query;

        List<String> pieces = new java.util.ArrayList<>();
        while (true) {
            int best = -1;
            String sep = null;
            for (String candidate : SEPARATORS) {
                int at = s.indexOf(candidate);
                // Earliest wins; on a tie the first listed ("&&" before "&") wins.
                if (at >= 0 && (best < 0 || at < best)) {
                    best = at;
                    sep = candidate;
                }
            }
            if (sep == null) {
                break;
            }
            pieces.add(s.substring(0, best));
            s = s.substring(best + sep.length());
        }
        if (!s.isEmpty()) {
            pieces.add(s);
        }
        for (int i = 0; i < pieces.size(); i += 2) {
            values.put(pieces.get(i), i + 1 < pieces.size() ? pieces.get(i + 1) : "");
        }
        return values;
    }
}
