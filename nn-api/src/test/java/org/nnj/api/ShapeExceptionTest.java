package org.nnj.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class ShapeExceptionTest {

    @Test
    void keepsTheMessageAndTheCauseLikeItsSiblings() {
        IllegalArgumentException cause = new IllegalArgumentException("negative size");
        ShapeException e = new ShapeException("layer 2 (dense): input [3, 5] does not fit [3, 4]", cause);
        assertEquals("layer 2 (dense): input [3, 5] does not fit [3, 4]", e.getMessage());
        assertSame(cause, e.getCause());
        assertInstanceOf(NnException.class, e);
        assertNull(new ShapeException("no cause").getCause());
    }
}
