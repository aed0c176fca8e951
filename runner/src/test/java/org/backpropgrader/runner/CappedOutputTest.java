package org.backpropgrader.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CappedOutputTest {
    @Test
    void keepsTheCapAndCountsTheRest() {
        CappedOutput out = new CappedOutput(10);
        PrintStream p = new PrintStream(out, true, StandardCharsets.UTF_8);
        p.print("hello ");
        assertEquals("hello ", out.takeText());
        assertEquals(0, out.takeDropped());
        p.print("world, and more");
        assertEquals("worl", out.takeText());
        assertEquals(11, out.takeDropped());
        out.write(new byte[1 << 20], 0, 1 << 20);
        out.write('x');
        assertNull(out.takeText());
        assertEquals((1 << 20) + 1, out.takeDropped());
        assertEquals(0, out.takeDropped());
    }
}
