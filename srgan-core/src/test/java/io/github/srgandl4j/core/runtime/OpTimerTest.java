package io.github.srgandl4j.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class OpTimerTest {
    @Test
    void countsEveryOpOfAForwardCallUnderItsType() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, 2, 3);
        SDVariable y = x.add("a", 1.0).mul("b", 2.0);
        sd.math().tanh("c", y);
        OpTimer timer = new OpTimer();
        sd.setListeners(timer);
        for (int i = 0; i < 3; i++) {
            sd.output(Map.of("x", Nd4j.ones(DataType.FLOAT, 2, 3)), "c");
        }
        List<OpTimer.Row> rows = timer.rows();
        long calls = rows.stream().mapToLong(OpTimer.Row::calls).sum();
        assertEquals(9, calls, rows.toString()); // three ops, three calls
        assertTrue(rows.stream().allMatch(r -> r.part().equals("G forward") && r.pass().equals("forward")), rows.toString());
        assertTrue(rows.stream().anyMatch(r -> r.op().equals("tanh") && r.calls() == 3), rows.toString());
        assertTrue(timer.totalMs() >= 0);
        timer.setEnabled(false);
        sd.output(Map.of("x", Nd4j.ones(DataType.FLOAT, 2, 3)), "c");
        assertEquals(9, timer.rows().stream().mapToLong(OpTimer.Row::calls).sum(), "disabled: nothing recorded");
        timer.reset();
        assertTrue(timer.rows().isEmpty());
    }

    @Test
    void namesTellTheNetworkPartOfAGeneratorStepOp() {
        assertEquals("G step: VGG", OpTimer.partOfNames(List.of("content/vgg_sr/block1_conv1"), List.of("t")));
        assertEquals("G step: VGG", OpTimer.partOfNames(List.of("x"), List.of("vgg/preprocessed")));
        assertEquals("G step: D copy", OpTimer.partOfNames(List.of("D/conv1/W", "sr"), List.of("D/lrelu1")));
        assertEquals("G step: G+loss", OpTimer.partOfNames(List.of("block0/conv1/W", "lr"), List.of("block0/bn1")));
        assertEquals("G step: G+loss", OpTimer.partOfNames(null, null));
    }
}
