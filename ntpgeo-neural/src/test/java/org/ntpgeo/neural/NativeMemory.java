package org.ntpgeo.neural;

import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Test helper that makes reads of freed Java direct memory visible: it collects garbage (so the cleaners of
 * unreachable direct ByteBuffers free their native memory) and then allocates many small direct buffers filled
 * with NaN, which malloc hands out from the chunks just freed. A tensor still pointing into freed Java memory
 * then reads NaN instead of its old values.
 */
final class NativeMemory {
    private static final List<ByteBuffer> SPRAY = new ArrayList<>();

    private NativeMemory() {}

    static void collectAndPoisonFreedBuffers() {
        SPRAY.clear();
        for (int round = 0; round < 3; round++) {
            WeakReference<Object> marker = new WeakReference<>(new Object());
            System.gc();
            for (int i = 0; i < 100 && marker.get() != null; i++) Thread.onSpinWait();
            try {
                Thread.sleep(5); // lets the reference handler run the direct buffers' cleaners
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (int size : new int[] {4, 8, 16, 24, 32, 64}) {
            for (int i = 0; i < 2000; i++) {
                ByteBuffer b = ByteBuffer.allocateDirect(size).order(ByteOrder.nativeOrder());
                while (b.remaining() >= 8) b.putDouble(Double.NaN);
                while (b.remaining() >= 4) b.putFloat(Float.NaN);
                SPRAY.add(b);
            }
        }
    }
}
