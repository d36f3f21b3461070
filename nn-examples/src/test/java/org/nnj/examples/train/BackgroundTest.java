package org.nnj.examples.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;
import org.nnj.api.ShapeException;

/** Work on a thread of its own: its value, and its failure as the caller's thread would have seen it. */
class BackgroundTest {

    @Test
    void theValueComesFromAnotherThread() throws IOException {
        Thread caller = Thread.currentThread();
        Background<Thread> background = Background.start("test-work", Thread::currentThread);
        Thread worker = background.get();
        assertNotEquals(caller, worker);
        assertEquals("test-work", worker.getName());
    }

    @Test
    void anIoErrorIsThrownAsItIsNotWrapped() {
        NoSuchFileException missing = new NoSuchFileException("data/train-images-idx3-ubyte");
        Background<Object> background = Background.start("test-io", () -> {
            throw missing;
        });
        assertSame(missing, assertThrows(NoSuchFileException.class, background::get));
    }

    @Test
    void aRuntimeErrorIsThrownAsItIs() {
        ShapeException bad = new ShapeException("images of 28 x 28 expected");
        Background<Object> background = Background.start("test-runtime", () -> {
            throw bad;
        });
        assertSame(bad, assertThrows(ShapeException.class, background::get));
    }
}
