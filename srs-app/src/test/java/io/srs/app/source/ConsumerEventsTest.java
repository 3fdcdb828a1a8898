package io.srs.app.source;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Listeners learn when consumers come and go (the edge starts and stops pulls on it). */
class ConsumerEventsTest {
    @Test
    void addAndRemoveAreReportedWithTheCountOnce() {
        SourceRegistry reg = new SourceRegistry();
        List<String> events = new ArrayList<>();
        reg.addListener(new SourceListener() {
            @Override
            public void onPublish(LiveSource source) {
            }

            @Override
            public void onUnpublish(LiveSource source) {
            }

            @Override
            public void onConsumerAdded(LiveSource source, int consumers) {
                events.add("+" + source.url() + " " + consumers);
            }

            @Override
            public void onConsumerRemoved(LiveSource source, int consumers) {
                events.add("-" + source.url() + " " + consumers);
            }
        });
        Consumer a = reg.createConsumer("/live/a", SourceSettings.DEFAULTS, true);
        Consumer b = reg.createConsumer("/live/a", SourceSettings.DEFAULTS, true);
        a.close();
        a.close();
        b.close();
        assertEquals(List.of("+/live/a 1", "+/live/a 2", "-/live/a 1", "-/live/a 0"), events);
        assertTrue(reg.find("/live/a").isEmpty(), "a source with neither side is forgotten");
    }

    @Test
    void listenersRunOutsideTheSourceLockAndMayUseTheRegistry() {
        SourceRegistry reg = new SourceRegistry();
        AtomicBoolean nested = new AtomicBoolean();
        reg.addListener(new SourceListener() {
            @Override
            public void onPublish(LiveSource source) {
            }

            @Override
            public void onUnpublish(LiveSource source) {
            }

            @Override
            public void onConsumerAdded(LiveSource source, int consumers) {
                // What the edge does: look at the source and claim it as a publisher.
                if (consumers == 1) {
                    assertFalse(source.isPublishing());
                    nested.set(reg.publish(source.url(), SourceSettings.DEFAULTS, "edge").isPresent());
                }
            }
        });
        Consumer c = reg.createConsumer("/live/b", SourceSettings.DEFAULTS, true);
        assertTrue(nested.get());
        assertEquals("edge", c.source().publisherId());
        c.close();
        c.source().unpublish();
        assertTrue(reg.find("/live/b").isEmpty());
    }
}
