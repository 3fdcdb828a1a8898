package io.srs.app.config;

import java.util.ArrayList;
import java.util.List;

/**
 * One TLS listener block: SRS 7's {@code rtmps { enabled; listen; key; cert; }} or the
 * {@code https { enabled; listen; key; cert; }} of {@code http_api} and {@code http_server}.
 * Immutable.
 *
 * @param block  the block's name as written, for messages ({@code rtmps}, {@code http_api.https})
 * @param listen the endpoints (rtmps takes several, like {@code listen}; https one)
 * @param where  {@code file:line} of the key directive (or the block) for errors about the files
 */
public record TlsConfig(String block, boolean enabled, List<ListenAddress> listen, String key, String cert,
        String where) {

    public TlsConfig {
        listen = List.copyOf(listen);
    }

    static TlsConfig rtmps(Directive root) {
        return of("rtmps", root.get("rtmps"), Defaults.RTMPS_ENABLED, Defaults.RTMPS_LISTEN);
    }

    static TlsConfig https(Directive root, String parent, String defaultListen) {
        Directive p = root.get(parent);
        return of(parent + ".https", p == null ? null : p.get("https"), Defaults.HTTPS_ENABLED, defaultListen);
    }

    private static TlsConfig of(String name, Directive b, boolean defEnabled, String defListen) {
        List<ListenAddress> listen = new ArrayList<>();
        Directive l = Values.present(b, "listen");
        if (l == null) {
            listen.add(new ListenAddress(Defaults.ANY_HOST, Integer.parseInt(defListen)));
        } else {
            for (String endpoint : l.args()) {
                listen.add(ListenAddress.parse(endpoint, l));
            }
        }
        Directive key = Values.present(b, "key");
        String where = key != null ? key.location() : b != null ? b.location() : name;
        return new TlsConfig(name, Values.preferFalse(b, "enabled", defEnabled), listen,
                Values.string(b, "key", Defaults.TLS_KEY), Values.string(b, "cert", Defaults.TLS_CERT), where);
    }
}
